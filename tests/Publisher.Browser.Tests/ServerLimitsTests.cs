using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Publisher.Browser.Tests;

/// <summary>What the real server (Kestrel) answers to requests too large or malformed to reach the app: a 4xx, never a 500.</summary>
[Collection(nameof(ReaderSite))]
public sealed class ServerLimitsTests(ReaderSite site)
{
    private HttpClient Client() => new() { BaseAddress = site.Address };

    [Fact]
    public async Task An_over_long_address_is_refused_with_414()
    {
        using var client = Client();

        using var response = await client.GetAsync(new Uri("/recherche?q=" + new string('a', 20_000), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Fact]
    public async Task Over_large_headers_are_refused_with_431()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "x=" + new string('a', 40_000));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_body_larger_than_an_upload_and_its_form_is_never_read()
    {
        var limit = site.App.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize;
        Assert.Equal(Publisher.Web.Media.MediaLibrary.MaxBytes + (2 * 1024 * 1024), limit);

        // Only the headers are sent: Kestrel refuses a declared length above its limit as soon as the app reads the body.
        var statusLine = await SendRawAsync("POST /admin/connexion HTTP/1.1", "Content-Type: application/x-www-form-urlencoded", $"Content-Length: {20 * 1024 * 1024}");

        // 413 from Kestrel, or 400 when the anti-forgery check is what tried to read the form: refused either way.
        Assert.Matches("^HTTP/1.1 (413|400) ", statusLine);
    }

    [Theory]
    [InlineData("GET /articles/%00 HTTP/1.1")]
    [InlineData("GET /articles/\u00ff\u00fe HTTP/1.1")]
    [InlineData("GET /../../etc/passwd HTTP/1.1")]
    public async Task A_malformed_request_line_gets_a_4xx(string requestLine)
    {
        var statusLine = await SendRawAsync(requestLine);

        Assert.Matches("^HTTP/1.1 4\\d\\d ", statusLine);
    }

    // Bytes as written, which HttpClient would correct: the request line and headers, no body; returns the status line.
    private async Task<string?> SendRawAsync(string requestLine, params string[] headers)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(site.Address.Host, site.Address.Port, TestContext.Current.CancellationToken);
        var stream = socket.GetStream();
        var head = string.Join("\r\n", [requestLine, $"Host: {site.Address.Authority}", .. headers, "Connection: close"]);
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head + "\r\n\r\n"), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return await reader.ReadLineAsync(TestContext.Current.CancellationToken);
    }
}

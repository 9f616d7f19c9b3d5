using System.Net;
using System.Net.Sockets;
using System.Text;

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
    public async Task A_body_larger_than_any_upload_is_refused_without_being_read()
    {
        using var client = Client();
        using var content = new ByteArrayContent(new byte[20 * 1024 * 1024]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");

        // As browsers and proxies may: ask before sending the body, so that the refusal can be read.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/connexion") { Content = content };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        // 413 from Kestrel, or 400 when the anti-forgery check is what tried to read the form first.
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("GET /articles/%00 HTTP/1.1")]
    [InlineData("GET /articles/\u00ff\u00fe HTTP/1.1")]
    [InlineData("GET /../../etc/passwd HTTP/1.1")]
    public async Task A_malformed_request_line_gets_a_4xx(string requestLine)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(site.Address.Host, site.Address.Port, TestContext.Current.CancellationToken);
        var stream = socket.GetStream();
        var request = Encoding.Latin1.GetBytes($"{requestLine}\r\nHost: {site.Address.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request, TestContext.Current.CancellationToken);

        using var reader = new StreamReader(stream, Encoding.Latin1);
        var statusLine = await reader.ReadLineAsync(TestContext.Current.CancellationToken);

        Assert.Matches("^HTTP/1.1 4\\d\\d ", statusLine);
    }
}

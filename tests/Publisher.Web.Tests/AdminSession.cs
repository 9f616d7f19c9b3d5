using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

/// <summary>A browser-like client for the admin area: keeps cookies, fills and submits the forms it is given.</summary>
internal sealed class AdminSession(HttpClient client) : IDisposable
{
    public const string Password = "une phrase de passe assez longue";

    public HttpClient Client => client;

    public static AdminSession Open(PublisherFactory app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static async Task<string> CreateUserAsync(PublisherFactory app, string role, string? email = null)
    {
        email ??= $"{role}-{Guid.NewGuid():N}@publisher.test";
        await app.Services.GetRequiredService<CreateAccount>().CreateAsync(email, $"Compte {role}", role, Password, TestContext.Current.CancellationToken);
        return email;
    }

    /// <summary>A new editor's id, for calls to the store that name who acted.</summary>
    public static async Task<long> CreateEditorIdAsync(PublisherFactory app) =>
        (await app.Services.GetRequiredService<CreateAccount>().CreateAsync($"editor-{Guid.NewGuid():N}@publisher.test", "Éditeur de test", Roles.Editor, Password, TestContext.Current.CancellationToken))!.Value;

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetAsync(string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken));
    }

    /// <summary>Submits a form of a page as a browser would: its hidden fields (the anti-forgery token) plus the values given.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SubmitAsync(
        string pagePath, IHtmlFormElement form, IReadOnlyDictionary<string, string> values, string? submitter = null, IReadOnlyDictionary<string, (string FileName, byte[] Bytes)>? files = null)
    {
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(input => !string.IsNullOrEmpty(input.Name)
                && (input.Type is "hidden" or "text" or "email" or "password" or "search" or "datetime-local"
                    || (input.Type is "radio" or "checkbox" && input.IsChecked)))
            .ToDictionary(input => input.Name!, input => input.Value);
        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(select => !string.IsNullOrEmpty(select.Name)))
        {
            fields[select.Name!] = select.Value ?? "";
        }
        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>().Where(area => !string.IsNullOrEmpty(area.Name)))
        {
            fields[area.Name!] = area.Value;
        }
        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }
        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : pagePath;
        if (submitter is not null)
        {
            var button = form.Elements.OfType<IHtmlButtonElement>().Single(button => button.TextContent.Trim() == submitter);
            if (!string.IsNullOrEmpty(button.Name))
            {
                fields[button.Name] = button.Value;
            }
            if (button.GetAttribute("formaction") is { Length: > 0 } formAction)
            {
                action = formAction;
            }
        }
        using HttpContent content = files is null ? new FormUrlEncodedContent(fields) : Multipart(fields, files);
        var response = await client.PostAsync(new Uri(action, UriKind.Relative), content, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken));
    }

    private static MultipartFormDataContent Multipart(Dictionary<string, string> fields, IReadOnlyDictionary<string, (string FileName, byte[] Bytes)> files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var (name, (fileName, bytes)) in files)
        {
            content.Add(new ByteArrayContent(bytes), name, fileName);
        }
        return content;
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SignInAsync(string email, string password = Password)
    {
        var (_, page) = await GetAsync("/admin/connexion");
        return await SubmitAsync("/admin/connexion", (IHtmlFormElement)page.QuerySelector("main form")!, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    public void Dispose() => client.Dispose();

    public static void AssertRedirectedToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Site-relative: an address built from the request would carry its Host header.
        Assert.StartsWith("/admin/connexion?", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}

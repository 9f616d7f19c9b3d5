using System.Net;
using System.Net.Http.Headers;

namespace Publisher.Web.Tests;

public sealed class HttpBehaviourTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(path, UriKind.Relative));

    [Theory]
    [InlineData("/articles/" + SampleContent.SeedSlug, "public, max-age=300, stale-while-revalidate=86400")]
    [InlineData("/", "public, max-age=60, stale-while-revalidate=600")]
    [InlineData("/rubriques/spatial", "public, max-age=60, stale-while-revalidate=600")]
    [InlineData("/feed.xml", "public, max-age=60, stale-while-revalidate=600")]
    [InlineData("/sitemap.xml", "public, max-age=60, stale-while-revalidate=600")]
    public async Task Pages_feeds_and_sitemaps_answer_a_matching_conditional_get_with_304(string path, string cacheControl)
    {
        using var client = app.CreateReader();
        using var first = await client.SendAsync(Get(path), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.True(etag.IsWeak);
        Assert.Equal(cacheControl, first.Headers.CacheControl!.ToString());
        var lastModified = first.Content.Headers.LastModified!.Value;
        Assert.Equal(PublisherFactory.Today.AddSeconds(1), lastModified); // the first-run import, rounded up to the second

        using var byTag = Get(path);
        byTag.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(byTag, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        using var byDate = Get(path);
        byDate.Headers.IfModifiedSince = lastModified;
        using var notModifiedSince = await client.SendAsync(byDate, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, notModifiedSince.StatusCode);

        using var stale = Get(path);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"autre\"", isWeak: true));
        using var modified = await client.SendAsync(stale, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
    }

    [Theory]
    [InlineData("/articles/Elon-Musk-Interview-Donald-Trump-X", "/articles/elon-musk-interview-donald-trump-x")]
    [InlineData("/articles/elon-musk-interview-donald-trump-x/", "/articles/elon-musk-interview-donald-trump-x")]
    [InlineData("/Rubriques/Spatial/?page=1", "/rubriques/spatial?page=1")]
    public async Task Non_canonical_forms_of_an_address_redirect_permanently(string path, string canonical)
    {
        using var client = app.CreateReader();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Html_xml_and_css_are_compressed(string encoding)
    {
        using var client = app.CreateReader();
        foreach (var path in new[] { "/", "/feed.xml", "/sitemap.xml", "/css/site.css" })
        {
            using var request = Get(path);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task Error_pages_are_not_cached_as_pages()
    {
        using var client = app.CreateReader();

        using var response = await client.GetAsync(new Uri("/nulle-part", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.Null(response.Headers.CacheControl);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/" + SampleContent.SeedSlug)]
    [InlineData("/robots.txt")]
    [InlineData("/sitemap.xml")]
    [InlineData("/sitemap-news.xml")]
    [InlineData("/feed.xml")]
    [InlineData("/tags/elon-musk/feed.xml")]
    public async Task Head_requests_answer_like_get_without_a_body(string path)
    {
        using var client = app.CreateReader();
        using var get = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(get.Headers.ETag, response.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/%5Cevil.example/")]
    [InlineData("//Evil.example")]
    public async Task Paths_that_look_like_another_site_are_never_redirected_there(string path)
    {
        using var client = app.CreateReader();

        // Absolute, so that the client sends the path as it is instead of reading //host as another server.
        using var response = await client.GetAsync(new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_redirect_keeps_accented_characters_percent_encoded()
    {
        using var client = app.CreateReader();

        using var response = await client.GetAsync(new Uri("/articles/Caf%C3%A9/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/articles/caf%C3%A9", response.Headers.Location!.OriginalString);
    }
}

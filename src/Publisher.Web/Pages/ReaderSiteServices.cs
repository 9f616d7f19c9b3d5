using System.Text.Encodings.Web;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.FileProviders;
using Publisher.Web.Html;
using Publisher.Web.Http;
using Publisher.Web.Media;
using Publisher.Web.Operations;
using Publisher.Web.Pages.Articles;
using Publisher.Web.Pages.Search;
using Publisher.Web.Pages.Shared.Listing;
using Publisher.Web.Pages.Shared.Navigation;
using Publisher.Web.Pages.Shared.Sidebar;
using Serilog;

namespace Publisher.Web.Pages;

public static class ReaderSiteServices
{
    /// <summary>The public pages and the queries behind them.</summary>
    public static IServiceCollection AddPublisherReaderSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // French is written as characters: the default encoder would turn every « é » into &#xE9;
        // and every no-break space into &#xA0;.
        services.AddSingleton<HtmlEncoder>(MarkupOnlyHtmlEncoder.Instance);
        services.AddRazorPages().AddMvcOptions(options =>
        {
            // What the framework says of a value it cannot read, in French like every other message.
            var messages = options.ModelBindingMessageProvider;
            messages.SetValueMustNotBeNullAccessor(_ => "Ce champ est obligatoire.");
            messages.SetMissingBindRequiredValueAccessor(_ => "Ce champ est obligatoire.");
            messages.SetMissingKeyOrValueAccessor(() => "Ce champ est obligatoire.");
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"La valeur « {value} » n’est pas valide.");
            messages.SetUnknownValueIsInvalidAccessor(_ => "Cette valeur n’est pas valide.");
            messages.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n’est pas valide.");
            messages.SetValueMustBeANumberAccessor(_ => "Ce champ doit être un nombre.");
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n’est pas valide.");
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Cette valeur n’est pas valide.");
            messages.SetNonPropertyValueMustBeANumberAccessor(() => "Ce champ doit être un nombre.");
        });
        services.AddResponseCompression(options =>
        {
            // Public pages hold no secret for a compression side channel (BREACH) to reveal; /admin is not compressed.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "text/css", "text/plain", "application/xml", "application/rss+xml", "image/svg+xml", "application/javascript"];
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddPageCache(configuration);
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddReverseProxy(configuration);
        services.AddHostHeaderRules(configuration);
        services.AddSingleton<ArticleQueries>();
        services.AddSingleton<BodyPictureQueries>();
        services.AddSingleton<RelatedArticles>();
        services.AddSingleton<ArticleListQueries>();
        services.AddSingleton<TopicQueries>();
        services.AddSingleton<IRecentArticlesQuery, RecentArticlesQuery>();
        services.AddSingleton<RecentArticles>();
        services.AddSingleton<SiteSections>();
        services.AddSingleton<SearchQueries>();
        services.AddSingleton<Authors.AuthorQueries>();
        services.AddSingleton<SearchIndex>();
        return services;
    }

    /// <summary>The request pipeline: errors as French pages, request logging, static files and pictures, pages.</summary>
    public static WebApplication UsePublisherReaderSite(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Before anything reads the client's address or the scheme (HSTS, the Secure cookie, the sign-in limit).
        app.UseReverseProxy();
        // First, so that a request re-executed as an error page is still logged once, with its final status.
        app.UseSerilogRequestLogging();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // Only ever sent over HTTPS: a browser that saw it will refuse plain HTTP for a year.
            app.UseHsts();
        }
        // Outside the page cache: its hits are counted, and /metrics is never kept in it.
        app.UsePublisherMetrics();
        // Outside compression, so that a cached page is stored compressed and served without recompressing.
        app.UseOutputCache();
        // The admin area will carry secrets (anti-forgery tokens) that compression could leak (BREACH).
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase), branch => branch.UseResponseCompression());
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/erreur", AllowStatusCode404Response = true });
        }
        app.UseStatusCodePagesWithReExecute("/erreur/{0}");
        app.UseCanonicalUrls();
        var media = app.Services.GetRequiredService<MediaLibrary>();
        Directory.CreateDirectory(media.Root);
        StaticFolder site = new(PathString.Empty, app.Environment.WebRootFileProvider);
        StaticFolder pictures = new(MediaLibrary.UrlPrefix.TrimEnd('/'), new PhysicalFileProvider(media.Root));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = site.Files,
            // Pages link stylesheets and scripts with ?v=<hash of the file> (asp-append-version): such an
            // address never changes content, so browsers and CDNs keep it for a year without asking again.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = pictures.Files,
            RequestPath = pictures.RequestPath,
            // Names carry a hash of the content: a picture at an address never changes.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
        app.UseMiddleware<ConditionalGet>();
        app.UseRouting();
        app.UseMiddleware<AllowedMethods>((IReadOnlyList<StaticFolder>)[site, pictures]);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapRazorPages();
        return app;
    }
}

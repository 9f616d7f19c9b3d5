using Microsoft.AspNetCore.Html;

namespace Publisher.Web.Pages.Articles;

public sealed record HeroImage(string Url, string Alt, string? Caption, string? Credit, int? Width, int? Height);

public sealed record ArticleView(
    long Id,
    string Slug,
    string Title,
    string Standfirst,
    IHtmlContent Body,
    int ReadingMinutes,
    HeroImage? Image,
    DateTimeOffset PublishedAt,
    DateTimeOffset? UpdatedAt,
    long SectionId,
    string SectionSlug,
    string SectionName,
    string AuthorName,
    string AuthorSlug,
    IReadOnlyList<TagLink> Tags,
    IReadOnlyList<CorrectionView> Corrections)
{
    // An update within the minute of publication is the same edition, not a correction.
    private static readonly TimeSpan SameEdition = TimeSpan.FromMinutes(1);

    public static ArticleView From(ArticleRow row, IReadOnlyList<TagLink> tags, IReadOnlyList<CorrectionView> corrections) => new(
        row.Id,
        row.Slug,
        row.Title,
        row.Standfirst,
        new HtmlString(row.BodyHtml), // sanitised when it was saved
        row.ReadingMinutes,
        row.ImageUrl is null ? null : new HeroImage(row.ImageUrl, row.ImageAlt ?? "", row.ImageCaption, row.ImageCredit, row.ImageWidth, row.ImageHeight),
        row.PublishedAt,
        row.UpdatedAt - row.PublishedAt >= SameEdition ? row.UpdatedAt : null,
        row.SectionId,
        row.SectionSlug,
        row.SectionName,
        row.AuthorName,
        row.AuthorSlug,
        tags,
        corrections);
}

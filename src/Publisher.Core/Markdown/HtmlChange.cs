namespace Publisher.Core.Markdown;

/// <summary>What the pipeline did to a piece of HTML the author typed.</summary>
public enum HtmlChangeKind
{
    /// <summary>A tag written out as visible text, because a browser would have hidden the text after it.</summary>
    Escaped,

    /// <summary>An element the sanitiser removed; the text it held stays.</summary>
    RemovedElement,

    /// <summary>An attribute the sanitiser removed (an event handler, a style, an address in a refused scheme).</summary>
    RemovedAttribute,

    /// <summary>A comment, which readers never see.</summary>
    RemovedComment,

    /// <summary>A comment never closed, which would have hidden the rest of the article: its opening <c>&lt;!--</c> is shown as text.</summary>
    UnclosedComment,
}

/// <summary>One change the pipeline made to the author's raw HTML, for the sub-editor's remarks.</summary>
/// <param name="Kind">What was done.</param>
/// <param name="Element">The element's name, lower case (empty for a comment).</param>
/// <param name="Attribute">The attribute removed, for <see cref="HtmlChangeKind.RemovedAttribute"/>.</param>
/// <param name="Detail">The text of a removed comment.</param>
public sealed record HtmlChange(HtmlChangeKind Kind, string Element, string? Attribute = null, string? Detail = null);

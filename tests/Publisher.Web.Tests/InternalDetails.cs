using System.Net;

namespace Publisher.Web.Tests;

/// <summary>
/// Signs that a response shows readers what only the server should know: an exception, a stack frame, a source
/// line, the framework's or the database driver's names. Looked for in any case, in the body as sent and with
/// its HTML entities decoded. Each sign is narrow enough for French news text: « à l’exception de »,
/// « le système. » or a link to learn.microsoft.com are not signs.
/// </summary>
internal static class InternalDetails
{
    private static readonly string[] Phrases =
    [
        ".cs:line",
        "stack trace",
        "stacktrace",
        "stack-trace",
        "stack_trace",
        "unhandled exception",
        "inner exception",
        "exception of type",
        "exception has been thrown",
        "SQLite Error",
        "SQLITE_",
        "database is locked",
        "no such table",
        "no such column",
        "constraint failed",
        "syntax error at or near",
        "Npgsql",
        "Dapper.",
        "Microsoft.AspNetCore",
        "Microsoft.Data",
        "Microsoft.Extensions",
        "Microsoft.EntityFrameworkCore",
    ];

    /// <summary>Fails with the sign found and where, when the body carries one.</summary>
    public static void AssertAbsent(string body, string? what = null)
    {
        if (Find(body) is { } sign)
        {
            Assert.Fail($"{what ?? "The response"} shows an internal detail: {sign}");
        }
    }

    /// <summary>The first sign of an internal detail in the body, with some of the text around it; null when there is none.</summary>
    public static string? Find(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return FindIn(body) ?? FindIn(WebUtility.HtmlDecode(body));
    }

    private static string? FindIn(string text)
    {
        foreach (var phrase in Phrases)
        {
            var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return Quote(text, at, phrase.Length);
            }
        }
        for (var at = 0; at < text.Length; at++)
        {
            if ((ExceptionTypeAt(text, at) ?? NamespaceAt(text, at, "System.") ?? StackFrameAt(text, at)) is { } length)
            {
                return Quote(text, at, length);
            }
        }
        return null;
    }

    // A type name ending in Exception (InvalidOperationException, SqliteException): « exception » alone or in
    // « exceptionnel » is French.
    private static int? ExceptionTypeAt(string text, int at)
    {
        const string suffix = "exception";
        if (!StartsIdentifier(text, at))
        {
            return null;
        }
        var end = at;
        while (end < text.Length && IsIdentifierPart(text[end]))
        {
            end++;
        }
        var length = end - at;
        return length > suffix.Length && text.AsSpan(at, length).EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? length : null;
    }

    // « System.IO », « system.invalidoperationexception »: the namespace followed at once by a name, so that a
    // sentence ending in « system. » is not one.
    private static int? NamespaceAt(string text, int at, string prefix) =>
        StartsIdentifier(text, at)
        && string.Compare(text, at, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0
        && at + prefix.Length < text.Length && char.IsAsciiLetter(text[at + prefix.Length])
            ? prefix.Length + 1
            : null;

    // « at Publisher.Web.Pages.Home.IndexModel.OnGetAsync(… »: « at » then a dotted name and its parameters.
    private static int? StackFrameAt(string text, int at)
    {
        if ((at > 0 && !char.IsWhiteSpace(text[at - 1]) && text[at - 1] != '>')
            || string.Compare(text, at, "at ", 0, 3, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return null;
        }
        var start = at + 3;
        var end = start;
        while (end < text.Length && (IsIdentifierPart(text[end]) || text[end] is '.' or '<' or '>' or '`' or '+' or '$'))
        {
            end++;
        }
        var frame = text.AsSpan(start, end - start);
        return end < text.Length && text[end] == '(' && frame.Length > 0 && char.IsLetter(frame[0]) && frame.Contains('.')
            ? end + 1 - at
            : null;
    }

    private static bool StartsIdentifier(string text, int at) =>
        IsIdentifierPart(text[at]) && (at == 0 || !IsIdentifierPart(text[at - 1]));

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static string Quote(string text, int at, int length)
    {
        var from = Math.Max(0, at - 40);
        var to = Math.Min(text.Length, at + length + 40);
        return $"« {text[at..(at + length)]} » in « …{text[from..to].ReplaceLineEndings(" ")}… »";
    }
}

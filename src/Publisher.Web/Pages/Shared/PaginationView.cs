namespace Publisher.Web.Pages.Shared;

/// <summary>The links between pages of a list, with the words each list uses for « newer » and « older ».</summary>
public sealed record PaginationView(int PageNumber, bool HasNext, Func<int, string> PageUrl, string PreviousLabel, string NextLabel)
{
    public bool IsNeeded => PageNumber > 1 || HasNext;
}

using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Publisher.Web.Pages.Shared.Listing;

/// <summary>
/// The <c>?page=</c> of a list: absent means 1; anything but a whole number from 1 on is a page that does not
/// exist. Pages bind it with <c>[FromQuery(Name = "page")]</c>: Razor Pages keeps the route value <c>page</c> for itself.
/// </summary>
public static class PageNumber
{
    public static bool TryRead(int? page, ModelStateDictionary modelState, out int pageNumber)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        pageNumber = page ?? 1;
        return modelState.IsValid && pageNumber >= 1;
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Publisher.Web.Pages.Shared;

namespace Publisher.Web.Pages.Errors;

/// <summary>The page shown for an error status (404 and the like) and for an unhandled exception (500), never with its details.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : SitePageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int? code) => Show(code ?? StatusCodes.Status500InternalServerError);

    public IActionResult OnPost(int? code) => Show(code ?? StatusCodes.Status500InternalServerError);

    // Re-executed for a request of a method no handler takes (a TRACE answered 405): shown all the same.
    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HandlerMethod is null)
        {
            context.Result = Show(Response.StatusCode);
        }
    }

    private PageResult Show(int code)
    {
        // Re-executed after an error, the status is already set; reached directly, the page answers with the one it names.
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = reExecuted ? Response.StatusCode : code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
        ShowsSiteContent = Code < StatusCodes.Status500InternalServerError;
        Meta.NoIndex = true;
        Meta.Title = Code switch
        {
            StatusCodes.Status404NotFound => "Page introuvable",
            StatusCodes.Status410Gone => "Article retiré",
            StatusCodes.Status429TooManyRequests => "Trop de tentatives",
            StatusCodes.Status413PayloadTooLarge => "Envoi trop volumineux",
            StatusCodes.Status400BadRequest or StatusCodes.Status405MethodNotAllowed => "Requête invalide",
            _ => "Une erreur est survenue",
        };
        return Page();
    }
}

using Mahse.Cms.Delivery.Querying;
using Microsoft.AspNetCore.Http;

namespace Mahse.Cms.Delivery.Http;

/// <summary>The Delivery API's 400s as Umbraco words them, shared by the content and media endpoints.</summary>
internal static class DeliveryProblems
{
    public static IResult OptionNotFound(ApiContentQueryStatus status)
    {
        var (title, detail) = status switch
        {
            ApiContentQueryStatus.FilterOptionNotFound => ("Filter option not found", "One of the attempted 'filter' options does not exist"),
            ApiContentQueryStatus.SelectorOptionNotFound => ("Selector option not found", "The attempted 'fetch' option does not exist"),
            ApiContentQueryStatus.SortOptionNotFound => ("Sort option not found", "One of the attempted 'sort' options does not exist"),
            _ => ("Unknown content query status", $"Content query status \"{status}\" was not expected here"),
        };
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title, type: "Error");
    }

    public static IResult InvalidSelection() =>
        TypedResults.Problem("Use properties[$all] or properties[alias1,alias2[properties[nested]]] (or v1's all / property:alias).",
            statusCode: StatusCodes.Status400BadRequest, title: "Invalid expand or fields", type: "Error");
}

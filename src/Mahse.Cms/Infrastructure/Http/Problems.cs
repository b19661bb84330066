using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mahse.Cms.Infrastructure.Http;

/// <summary>RFC 9457 problem details in the shape Umbraco's Management API sends: title, status, detail, operationStatus, errors.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, string title, string? operationStatus, IReadOnlyList<FieldError> errors)
    {
        var extensions = new Dictionary<string, object?>();
        if (operationStatus is not null)
        {
            extensions["operationStatus"] = operationStatus;
        }

        if (errors.Count > 0)
        {
            extensions["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        }

        return TypedResults.Problem(
            detail: errors.Count > 0 ? string.Join(" ", errors.Select(e => e.Message).Distinct().Take(3)) : null,
            statusCode: status,
            title: title,
            type: "Error",
            extensions: extensions);
    }

    public static ProblemHttpResult BadRequest(string field, string message, string title = "Invalid request") =>
        Of(StatusCodes.Status400BadRequest, title, null, [new FieldError(field, message)]);

    public static ProblemHttpResult NotFound(string what) =>
        Of(StatusCodes.Status404NotFound, $"The {what} could not be found", "NotFound", []);

    public static ProblemHttpResult PreconditionFailed() =>
        Of(StatusCodes.Status412PreconditionFailed, "Stale version", "ConcurrencyViolation",
            [new FieldError("If-Match", "The item was changed by someone else since it was read; reload it and try again.")]);
}

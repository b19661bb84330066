using Mahse.Cms.Infrastructure;
using Mahse.Cms.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Umbraco.Cms.Core.Services.OperationStatus;

namespace Mahse.Cms.Content.Http;

/// <summary>Every content operation status to a status code and title, in one place (Umbraco's wording where it has one).</summary>
public static class ContentProblems
{
    public static ProblemHttpResult For(ContentEditingOperationStatus status, IReadOnlyList<FieldError> errors)
    {
        var (code, title) = status switch
        {
            ContentEditingOperationStatus.NotFound => (StatusCodes.Status404NotFound, "The document could not be found"),
            ContentEditingOperationStatus.ContentTypeNotFound => (StatusCodes.Status404NotFound, "The document type could not be found"),
            ContentEditingOperationStatus.ParentNotFound => (StatusCodes.Status404NotFound, "The parent could not be found"),
            ContentEditingOperationStatus.ParentInvalid => (StatusCodes.Status400BadRequest, "Invalid parent"),
            ContentEditingOperationStatus.NotAllowed => (StatusCodes.Status400BadRequest, "Operation not permitted"),
            ContentEditingOperationStatus.InTrash => (StatusCodes.Status400BadRequest, "Document is in the recycle bin"),
            ContentEditingOperationStatus.NotInTrash => (StatusCodes.Status400BadRequest, "Document is not in the recycle bin"),
            ContentEditingOperationStatus.SortingInvalid => (StatusCodes.Status400BadRequest, "Invalid sorting options"),
            ContentEditingOperationStatus.InvalidName => (StatusCodes.Status400BadRequest, "Invalid name"),
            ContentEditingOperationStatus.PropertyValidationError => (StatusCodes.Status422UnprocessableEntity, "Validation failed"),
            ContentEditingOperationStatus.PropertyTypeNotFound => (StatusCodes.Status422UnprocessableEntity, "Property type not found"),
            ContentEditingOperationStatus.DuplicateKey => (StatusCodes.Status409Conflict, "Duplicate key"),
            ContentEditingOperationStatus.DuplicateName => (StatusCodes.Status409Conflict, "Duplicate name"),
            ContentEditingOperationStatus.ConcurrencyViolation => (StatusCodes.Status409Conflict, "Stale version"),
            ContentEditingOperationStatus.CancelledByNotification => (StatusCodes.Status400BadRequest, "Cancelled by notification"),
            _ => (StatusCodes.Status500InternalServerError, "Unknown content operation status"),
        };
        return Problems.Of(code, title, status.ToString(), errors);
    }

    public static ProblemHttpResult For(ContentPublishingOperationStatus status, IReadOnlyList<FieldError> errors)
    {
        var (code, title) = status switch
        {
            ContentPublishingOperationStatus.ContentNotFound => (StatusCodes.Status404NotFound, "The document could not be found"),
            ContentPublishingOperationStatus.ContentInvalid => (StatusCodes.Status422UnprocessableEntity, "Invalid document"),
            ContentPublishingOperationStatus.FailedBranch => (StatusCodes.Status422UnprocessableEntity, "Failed branch operation"),
            ContentPublishingOperationStatus.PathNotPublished => (StatusCodes.Status400BadRequest, "Parent not published"),
            ContentPublishingOperationStatus.InTrash => (StatusCodes.Status400BadRequest, "Document is in the recycle bin"),
            ContentPublishingOperationStatus.UnpublishTimeNeedsToBeAfterPublishTime => (StatusCodes.Status400BadRequest, "Unpublish time needs to be after the publish time"),
            ContentPublishingOperationStatus.UpublishTimeNeedsToBeInFuture => (StatusCodes.Status400BadRequest, "Unpublish time needs to be in the future"),
            ContentPublishingOperationStatus.PublishTimeNeedsToBeInFuture => (StatusCodes.Status400BadRequest, "Publish time needs to be in the future"),
            ContentPublishingOperationStatus.ConcurrencyViolation => (StatusCodes.Status409Conflict, "Stale version"),
            ContentPublishingOperationStatus.CancelledByEvent => (StatusCodes.Status400BadRequest, "Publish cancelled"),
            _ => (StatusCodes.Status500InternalServerError, "Unknown publishing operation status"),
        };
        return Problems.Of(code, title, status.ToString(), errors);
    }
}

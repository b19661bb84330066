using System.Text.Json.Nodes;

namespace Mahse.Cms.Management;

// Request and response shapes of Umbraco 17's Management API that this runtime serves.

public sealed record ReferenceByIdModel(Guid Id);

public sealed record PagedModel<T>(long Total, IReadOnlyList<T> Items);

public sealed record DocumentValueModel(string Alias, JsonNode? Value, string? Culture = null, string? Segment = null, string? EditorAlias = null);

public sealed record DocumentVariantRequestModel(string? Name, string? Culture = null, string? Segment = null);

public sealed record CreateDocumentRequestModel(
    Guid? Id,
    ReferenceByIdModel? Parent,
    ReferenceByIdModel? DocumentType,
    ReferenceByIdModel? MediaType,
    IReadOnlyList<DocumentValueModel>? Values,
    IReadOnlyList<DocumentVariantRequestModel>? Variants,
    ReferenceByIdModel? Template = null);

public sealed record UpdateDocumentRequestModel(
    IReadOnlyList<DocumentValueModel>? Values,
    IReadOnlyList<DocumentVariantRequestModel>? Variants,
    ReferenceByIdModel? Template = null);

public sealed record ScheduleRequestModel(DateTimeOffset? PublishTime, DateTimeOffset? UnpublishTime);

public sealed record CultureAndScheduleRequestModel(string? Culture, ScheduleRequestModel? Schedule);

public sealed record PublishDocumentRequestModel(IReadOnlyList<CultureAndScheduleRequestModel>? PublishSchedules);

public sealed record PublishWithDescendantsRequestModel(bool IncludeUnpublishedDescendants, IReadOnlyList<string>? Cultures = null);

public sealed record UnpublishDocumentRequestModel(IReadOnlyList<string>? Cultures = null);

public sealed record MoveRequestModel(ReferenceByIdModel? Target);

public sealed record CopyRequestModel(ReferenceByIdModel? Target, bool RelateToOriginal = false, bool IncludeDescendants = false);

public sealed record SortingItemModel(Guid Id, int SortOrder);

public sealed record SortRequestModel(ReferenceByIdModel? Parent, IReadOnlyList<SortingItemModel>? Sorting);

public sealed record DocumentVariantResponseModel(
    string? Culture,
    string? Segment,
    string Name,
    DateTime CreateDate,
    DateTime UpdateDate,
    string State,
    DateTime? PublishDate,
    DateTime? ScheduledPublishDate,
    DateTime? ScheduledUnpublishDate);

public sealed record DocumentTypeReferenceModel(Guid Id, string? Icon, string Alias);

public sealed record DocumentResponseModel(
    IReadOnlyList<DocumentValueModel> Values,
    IReadOnlyList<DocumentVariantResponseModel> Variants,
    Guid Id,
    DocumentTypeReferenceModel DocumentType,
    ReferenceByIdModel? Parent,
    bool IsTrashed,
    ReferenceByIdModel? Template = null);

public sealed record MediaResponseModel(
    IReadOnlyList<DocumentValueModel> Values,
    IReadOnlyList<DocumentVariantResponseModel> Variants,
    Guid Id,
    DocumentTypeReferenceModel MediaType,
    ReferenceByIdModel? Parent,
    bool IsTrashed);

public sealed record TreeItemModel(
    Guid Id,
    ReferenceByIdModel? Parent,
    string Name,
    bool HasChildren,
    bool IsTrashed,
    DocumentTypeReferenceModel DocumentType,
    string State,
    int SortOrder,
    DateTime CreateDate);

public sealed record DocumentVersionItemModel(
    Guid Id,
    ReferenceByIdModel Document,
    DateTime VersionDate,
    string? User,
    bool IsCurrentDraftVersion,
    bool IsCurrentPublishedVersion,
    bool WasPublished);

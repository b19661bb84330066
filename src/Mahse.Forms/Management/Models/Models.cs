using System.Text.Json;

namespace Mahse.Forms.Management.Models;

// The shapes of the Management API the backoffice Forms section reads (see the plan, "The Management API"). JSON is
// camelCase through Umbraco's backoffice JSON options.

public sealed record PagedResponse<T>(long Total, IReadOnlyList<T> Items);

public sealed record TreeItemResponse(Guid Id, string Name, string Type, bool HasChildren, Guid? ParentId);

public sealed record FormSummaryResponse(Guid Id, string Name, Guid? FolderId, DateTime Created, DateTime Updated);

/// <summary>A form: the definition exactly as FormJson stores it, and its folder.</summary>
public sealed record FormResponse(Guid? FolderId, JsonElement Form);

public sealed record CreatedResponse(Guid Id);

public sealed record FolderRequest(Guid? Id, string? Name, Guid? ParentId);

public sealed record FolderResponse(Guid Id, string Name, Guid? ParentId);

public sealed record FormCopyRequest(string? Name, Guid? FolderId);

public sealed record FieldTypeSettingResponse(string Alias, string Name, string View);

public sealed record FieldTypeResponse(Guid Id, string Name, string Alias, string Icon, bool SupportsPreValues, bool SupportsUploadTypes, IReadOnlyList<FieldTypeSettingResponse> Settings);

public sealed record WorkflowTypeSettingResponse(string Alias, string Name, string Description, string View);

public sealed record WorkflowTypeResponse(Guid Id, string Name, string Alias, string Icon, IReadOnlyList<WorkflowTypeSettingResponse> Settings);

public sealed record PreValueSourceResponse(Guid Id, string Name, Guid TypeId);

public sealed record EntryFieldResponse(Guid Id, string Alias, string Caption, string Type);

public sealed record EntryResponse(
    Guid Id,
    Guid FormId,
    string State,
    DateTime Created,
    DateTime Updated,
    Guid? MemberKey,
    Guid? ContentKey,
    string? Culture,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values);

public sealed record EntryListResponse(long Total, IReadOnlyList<EntryResponse> Items, IReadOnlyList<EntryFieldResponse> Fields);

public sealed record EntryAuditResponse(string State, DateTime At, string? By);

public sealed record EntryWorkflowResponse(string Name, string Stage, string Status, int Attempts, string? LastError, DateTime? CompletedAt);

public sealed record EntryFileResponse(string FieldAlias, string Name, string Url);

public sealed record EntryDetailResponse(
    Guid Id,
    Guid FormId,
    string State,
    DateTime Created,
    DateTime Updated,
    Guid? MemberKey,
    Guid? ContentKey,
    string? Culture,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyList<EntryFieldResponse> Fields,
    IReadOnlyList<EntryAuditResponse> Audit,
    IReadOnlyList<EntryWorkflowResponse> Workflows,
    IReadOnlyList<EntryFileResponse> Files);

namespace Mahse.Cms.Persistence;

// Storage rows are kept apart from the model types (Umbraco.Cms.Core's ContentType, Content, ...);
// they are mapped at the repository edge. One file for the small ones keeps the schema readable in one place.

public sealed class DataTypeRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public string Name { get; set; } = "";
    public string EditorAlias { get; set; } = "";
    public string? EditorUiAlias { get; set; }
    public string ConfigurationJson { get; set; } = "{}";
    public string? Folder { get; set; }
    public int Version { get; set; }
    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
}

public enum ContentTypeKind
{
    Document = 0,
    Media = 1,
    Member = 2,
}

public sealed class ContentTypeRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public ContentTypeKind Kind { get; set; }
    public string Alias { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Icon { get; set; }
    public string? Description { get; set; }
    public bool AllowedAtRoot { get; set; }
    public bool IsElement { get; set; }
    public int Variations { get; set; }
    public string? Folder { get; set; }

    /// <summary>Containers, property types, compositions and allowed children as JSON (see <c>ContentTypeDefinitionJson</c>).</summary>
    public string DefinitionJson { get; set; } = "{}";
    public int Version { get; set; }
    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
}

public enum ContentNodeKind
{
    Document = 0,
    Media = 1,
}

public sealed class ContentNodeRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public ContentNodeKind Kind { get; set; }
    public int? ParentId { get; set; }
    public int ContentTypeId { get; set; }
    public int Level { get; set; }

    /// <summary>Umbraco's path: "-1,12,34" (root marker then the ids from the root down to this node).</summary>
    public string Path { get; set; } = "-1";
    public int SortOrder { get; set; }
    public bool Trashed { get; set; }

    /// <summary>The parent the node was trashed from, so that restore can put it back.</summary>
    public int? TrashedFromParentId { get; set; }
    public string Name { get; set; } = "";
    public string UrlSegment { get; set; } = "";
    public int DraftVersionId { get; set; }
    public int? PublishedVersionId { get; set; }

    /// <summary>The Umbraco template the document was given (kept for uSync; the portal is headless).</summary>
    public Guid? TemplateKey { get; set; }
    public DateTime? PublishDate { get; set; }
    public DateTime? ScheduledPublishDate { get; set; }
    public DateTime? ScheduledUnpublishDate { get; set; }

    /// <summary>Optimistic concurrency: bumped on every write, compared on every update.</summary>
    public int Version { get; set; }
    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
}

public sealed class ContentVersionRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public int NodeId { get; set; }

    /// <summary>The name and URL segment as they were in this version: a published route keeps its version's.</summary>
    public string Name { get; set; } = "";
    public string UrlSegment { get; set; } = "";

    /// <summary>Property values as Umbraco stores them, by alias: strings (JSON text for complex editors), integers, decimals, dates.</summary>
    public string ValuesJson { get; set; } = "{}";
    public DateTime CreateDate { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>True for a version that was the published one at some point.</summary>
    public bool WasPublished { get; set; }
}

/// <summary>An Umbraco template: kept and round-tripped by uSync, never rendered (the portal is headless).</summary>
public sealed class TemplateRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public string Alias { get; set; } = "";
    public string Name { get; set; } = "";
    public string? MasterAlias { get; set; }
    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
}

public sealed class LanguageRow
{
    public int Id { get; set; }
    public string IsoCode { get; set; } = "";
    public string Name { get; set; } = "";
    public bool IsDefault { get; set; }
    public bool IsMandatory { get; set; }
    public string? FallbackIsoCode { get; set; }
}

public sealed class DictionaryItemRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public string ItemKey { get; set; } = "";
    public string? ParentItemKey { get; set; }

    /// <summary>ISO code → text.</summary>
    public string TranslationsJson { get; set; } = "{}";
}

public sealed class DomainRow
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public Guid RootKey { get; set; }
    public string? LanguageIsoCode { get; set; }
    public bool IsWildcard { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A member group (Umbraco's MemberGroup): who protected content is for.</summary>
public sealed class MemberGroupRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreateDate { get; set; }
}

/// <summary>
/// Umbraco's public access entry for a document: who may read it and its descendants (rules by member group or
/// member), and where a visitor is sent to log in or when refused.
/// </summary>
public sealed class PublicAccessRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public Guid NodeKey { get; set; }
    public Guid? LoginNodeKey { get; set; }
    public Guid? NoAccessNodeKey { get; set; }

    /// <summary>[{"type": "MemberRole"|"MemberUsername", "value": "…"}], Umbraco's rule types.</summary>
    public string RulesJson { get; set; } = "[]";
}

/// <summary>
/// uSync's CacheImportState: the file last imported for an item and the item's state right after, so that a
/// re-import of a file that was not written by an exporter (and so never matches byte for byte) is still NoChange.
/// </summary>
public sealed class SyncStateRow
{
    public Guid Key { get; set; }
    public string ItemType { get; set; } = "";
    public string FileHash { get; set; } = "";
    public string StateHash { get; set; } = "";
    public DateTime UpdateDate { get; set; }
}

public sealed class TemporaryFileRow
{
    public Guid Key { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public string StoragePath { get; set; } = "";
    public DateTime CreateDate { get; set; }
    public DateTime ExpiresAt { get; set; }
}

public sealed class BackOfficeUserRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string UserName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string UserGroup { get; set; } = "";
    public int FailedAttempts { get; set; }
    public DateTime? LockedOutUntil { get; set; }
    public DateTime? LastLoginDate { get; set; }
    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
}

public sealed class StartupStateRow
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>
/// Umbraco's redirect URL tracking: a published document's old URL (start item segment and route, no trailing
/// slash, e.g. "/home/about-us") that now answers with a 301 to the document's current route.
/// </summary>
public sealed class RedirectUrlRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public Guid ContentKey { get; set; }
    public string Url { get; set; } = "";
    public string? Culture { get; set; }
    public DateTime CreateDate { get; set; }
}

/// <summary>
/// An Umbraco member: signs in with the email, password hashed by ASP.NET Core Identity, approval and lock-out
/// as Umbraco keeps them, and the member type's property values (as content stores them).
/// </summary>
public sealed class MemberRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public int MemberTypeId { get; set; }
    public string Email { get; set; } = "";

    /// <summary>Identity's normalised email (upper case), unique: the login.</summary>
    public string NormalizedEmail { get; set; } = "";
    public string Name { get; set; } = "";
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = "";
    public bool EmailConfirmed { get; set; }
    public bool IsApproved { get; set; }
    public DateTime? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }
    public DateTime? LastLoginDate { get; set; }
    public DateTime? LastLockoutDate { get; set; }
    public string ValuesJson { get; set; } = "{}";

    /// <summary>Optimistic concurrency: bumped on every write.</summary>
    public int Version { get; set; }
    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
}

/// <summary>A member's membership of a member group (Umbraco's member roles).</summary>
public sealed class MemberGroupMemberRow
{
    public int MemberId { get; set; }
    public int MemberGroupId { get; set; }
}

/// <summary>An Umbraco Forms form (Umbraco's UFForms): the whole definition as JSON.</summary>
public sealed class FormRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public string Name { get; set; } = "";
    public string DefinitionJson { get; set; } = "{}";
    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
}

/// <summary>A form entry (Umbraco's UFRecords): state as Umbraco's FormState name, values by field id.</summary>
public sealed class FormEntryRow
{
    public long Id { get; set; }
    public Guid Key { get; set; }
    public Guid FormKey { get; set; }
    public string State { get; set; } = "Submitted";
    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
    public string? Culture { get; set; }
    public Guid? ContentKey { get; set; }
    public Guid? MemberKey { get; set; }

    /// <summary>Field id → the submitted values, as strings (Umbraco's RecordData copy).</summary>
    public string ValuesJson { get; set; } = "{}";
    public string? AdditionalDataJson { get; set; }
}

/// <summary>Every change of an entry's state, who made it and when.</summary>
public sealed class FormEntryAuditRow
{
    public long Id { get; set; }
    public long EntryId { get; set; }
    public string State { get; set; } = "";
    public DateTime At { get; set; }
    public string? By { get; set; }
}

/// <summary>
/// The workflow outbox: one row per workflow to run for an entry, written in the entry's transaction, then
/// claimed and run by the background worker, retried with back-off; its outcome is the run record (Umbraco's
/// UFRecordWorkflowAudit).
/// </summary>
public sealed class FormWorkflowRunRow
{
    public long Id { get; set; }
    public Guid EntryKey { get; set; }
    public Guid FormKey { get; set; }
    public Guid WorkflowKey { get; set; }
    public string WorkflowName { get; set; } = "";
    public Guid WorkflowTypeId { get; set; }
    public string Stage { get; set; } = "Submitted";

    /// <summary>Pending, Succeeded or Failed (Failed after the last attempt).</summary>
    public string Status { get; set; } = "Pending";
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreateDate { get; set; }
}

/// <summary>
/// A form saved part-way (beyond Umbraco Forms): the values so far, found again by a resume token whose hash
/// alone is stored; it expires, and submitting the entry ends it.
/// </summary>
public sealed class FormDraftRow
{
    public long Id { get; set; }
    public Guid Key { get; set; }
    public Guid FormKey { get; set; }
    public string TokenHash { get; set; } = "";
    public string Email { get; set; } = "";
    public string ValuesJson { get; set; } = "{}";
    public int CurrentPage { get; set; }
    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
    public DateTime ExpiresAt { get; set; }
}

/// <summary>An Umbraco Forms prevalue source: a named list of choices fields can share (text file, data type, documents).</summary>
public sealed class FormPreValueSourceRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public string Name { get; set; } = "";
    public Guid TypeId { get; set; }
    public string SettingsJson { get; set; } = "{}";

    /// <summary>For a text-file source: the items as uSync.Forms carries them ([{id, value, caption, sortOrder}]).</summary>
    public string? ItemsJson { get; set; }
}

/// <summary>An organisation that answered the R&amp;I survey (an NHS trust or another employer), with its sub-region.</summary>
public sealed class SurveyOrganisationRow
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "NHS trust";
    public string SubRegion { get; set; } = "";
}

/// <summary>
/// One response to the R&amp;I survey. Activity counts are columns (ranges and rankings read them); contact
/// details are kept only where the respondent consented. <see cref="RespondentId"/> makes re-imports idempotent.
/// </summary>
public sealed class SurveyResponseRow
{
    public long Id { get; set; }
    public Guid Key { get; set; }
    public string RespondentId { get; set; } = "";
    public int OrganisationId { get; set; }
    public string? Site { get; set; }
    public string SubRegion { get; set; } = "";
    public string Division { get; set; } = "";
    public string Specialism { get; set; } = "";
    public string CareerStage { get; set; } = "";
    public string? Band { get; set; }
    public int AuditCount { get; set; }
    public int ServiceImprovementCount { get; set; }
    public int ResearchCount { get; set; }
    public int InnovationCount { get; set; }
    public int PublicationCount { get; set; }
    public int GrantCount { get; set; }

    /// <summary>Comma-separated: time, funding, skills, support, access to data.</summary>
    public string Barriers { get; set; } = "";
    public string TrainingNeeds { get; set; } = "";
    public bool ChampionWilling { get; set; }
    public string? Comments { get; set; }
    public bool ContactConsent { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public bool IsSynthetic { get; set; }
    public DateTime ImportedAt { get; set; }
}

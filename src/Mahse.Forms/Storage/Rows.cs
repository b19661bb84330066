using NPoco;
using Umbraco.Cms.Infrastructure.Persistence.DatabaseAnnotations;
using Umbraco.Cms.Infrastructure.Persistence.DatabaseModelDefinitions;

namespace Mahse.Forms.Storage;

// The module's tables (NPoco DTOs, created by MahseFormsMigrationPlan). Definitions, values and settings are JSON,
// as Umbraco Forms 9+ keeps them; the columns are what lists, filters and the outbox worker query.

/// <summary>A form: the whole definition as JSON (Umbraco Forms' UFForms).</summary>
[TableName(TableName)]
[PrimaryKey("id", AutoIncrement = true)]
[ExplicitColumns]
public sealed class FormRow
{
    public const string TableName = "mahseFormsForm";

    [Column("id")]
    [PrimaryKeyColumn(AutoIncrement = true)]
    public int Id { get; set; }

    [Column("key")]
    [Index(IndexTypes.UniqueNonClustered, Name = "IX_mahseFormsForm_key")]
    public Guid Key { get; set; }

    [Column("name")]
    [Length(255)]
    public string Name { get; set; } = "";

    [Column("folderKey")]
    [NullSetting(NullSetting = NullSettings.Null)]
    public Guid? FolderKey { get; set; }

    [Column("definition")]
    [SpecialDbType(SpecialDbTypes.NVARCHARMAX)]
    public string Definition { get; set; } = "{}";

    [Column("createDate", ForceToUtc = false)]
    public DateTime CreateDate { get; set; }

    [Column("updateDate", ForceToUtc = false)]
    public DateTime UpdateDate { get; set; }
}

/// <summary>A folder of the Forms tree (Umbraco Forms' UFFolders).</summary>
[TableName(TableName)]
[PrimaryKey("id", AutoIncrement = true)]
[ExplicitColumns]
public sealed class FormFolderRow
{
    public const string TableName = "mahseFormsFolder";

    [Column("id")]
    [PrimaryKeyColumn(AutoIncrement = true)]
    public int Id { get; set; }

    [Column("key")]
    [Index(IndexTypes.UniqueNonClustered, Name = "IX_mahseFormsFolder_key")]
    public Guid Key { get; set; }

    [Column("name")]
    [Length(255)]
    public string Name { get; set; } = "";

    [Column("parentKey")]
    [NullSetting(NullSetting = NullSettings.Null)]
    public Guid? ParentKey { get; set; }
}

/// <summary>An entry (Umbraco Forms' UFRecords): state as Umbraco Forms' FormState name, values by field id.</summary>
[TableName(TableName)]
[PrimaryKey("id", AutoIncrement = true)]
[ExplicitColumns]
public sealed class EntryRow
{
    public const string TableName = "mahseFormsEntry";

    [Column("id")]
    [PrimaryKeyColumn(AutoIncrement = true)]
    public long Id { get; set; }

    [Column("key")]
    [Index(IndexTypes.UniqueNonClustered, Name = "IX_mahseFormsEntry_key")]
    public Guid Key { get; set; }

    [Column("formKey")]
    [Index(IndexTypes.NonClustered, Name = "IX_mahseFormsEntry_form", ForColumns = "formKey,state,createDate")]
    public Guid FormKey { get; set; }

    [Column("state")]
    [Length(50)]
    public string State { get; set; } = EntryStates.Submitted;

    [Column("createDate", ForceToUtc = false)]
    public DateTime CreateDate { get; set; }

    [Column("updateDate", ForceToUtc = false)]
    public DateTime UpdateDate { get; set; }

    [Column("culture")]
    [Length(84)]
    [NullSetting(NullSetting = NullSettings.Null)]
    public string? Culture { get; set; }

    [Column("contentKey")]
    [NullSetting(NullSetting = NullSettings.Null)]
    public Guid? ContentKey { get; set; }

    [Column("memberKey")]
    [NullSetting(NullSetting = NullSettings.Null)]
    public Guid? MemberKey { get; set; }

    /// <summary>Field id → the submitted values as strings (uploads as paths under umbraco/Data/forms).</summary>
    [Column("valuesJson")]
    [SpecialDbType(SpecialDbTypes.NVARCHARMAX)]
    public string Values { get; set; } = "{}";

    [Column("additionalData")]
    [SpecialDbType(SpecialDbTypes.NVARCHARMAX)]
    [NullSetting(NullSetting = NullSettings.Null)]
    public string? AdditionalData { get; set; }
}

/// <summary>Every change of an entry's state: which, when and by whom (a user's name, "automatic" or "retention").</summary>
[TableName(TableName)]
[PrimaryKey("id", AutoIncrement = true)]
[ExplicitColumns]
public sealed class EntryAuditRow
{
    public const string TableName = "mahseFormsEntryAudit";

    [Column("id")]
    [PrimaryKeyColumn(AutoIncrement = true)]
    public long Id { get; set; }

    [Column("entryKey")]
    [Index(IndexTypes.NonClustered, Name = "IX_mahseFormsEntryAudit_entry")]
    public Guid EntryKey { get; set; }

    [Column("state")]
    [Length(50)]
    public string State { get; set; } = "";

    [Column("at", ForceToUtc = false)]
    public DateTime At { get; set; }

    [Column("performedBy")]
    [Length(255)]
    [NullSetting(NullSetting = NullSettings.Null)]
    public string? By { get; set; }
}

/// <summary>
/// The workflow outbox: one row per workflow to run for an entry at a stage, written in the entry's transaction, then
/// claimed by the worker, retried with back-off; its outcome is the run record (Umbraco Forms' UFRecordWorkflowAudit).
/// </summary>
[TableName(TableName)]
[PrimaryKey("id", AutoIncrement = true)]
[ExplicitColumns]
public sealed class WorkflowRunRow
{
    public const string TableName = "mahseFormsWorkflowRun";

    [Column("id")]
    [PrimaryKeyColumn(AutoIncrement = true)]
    public long Id { get; set; }

    [Column("entryKey")]
    [Index(IndexTypes.NonClustered, Name = "IX_mahseFormsWorkflowRun_entry")]
    public Guid EntryKey { get; set; }

    [Column("formKey")]
    public Guid FormKey { get; set; }

    [Column("workflowKey")]
    public Guid WorkflowKey { get; set; }

    [Column("workflowName")]
    [Length(255)]
    public string WorkflowName { get; set; } = "";

    [Column("workflowTypeId")]
    public Guid WorkflowTypeId { get; set; }

    /// <summary>The entry state that queued it: Submitted, Approved or Rejected.</summary>
    [Column("stage")]
    [Length(20)]
    public string Stage { get; set; } = EntryStates.Submitted;

    /// <summary>Pending, Running, Succeeded or Failed (after the last attempt).</summary>
    [Column("status")]
    [Length(20)]
    [Index(IndexTypes.NonClustered, Name = "IX_mahseFormsWorkflowRun_due", ForColumns = "status,nextAttemptAt")]
    public string Status { get; set; } = WorkflowRunStatus.Pending;

    [Column("attempts")]
    public int Attempts { get; set; }

    [Column("nextAttemptAt", ForceToUtc = false)]
    public DateTime NextAttemptAt { get; set; }

    [Column("completedAt", ForceToUtc = false)]
    [NullSetting(NullSetting = NullSettings.Null)]
    public DateTime? CompletedAt { get; set; }

    [Column("lastError")]
    [SpecialDbType(SpecialDbTypes.NVARCHARMAX)]
    [NullSetting(NullSetting = NullSettings.Null)]
    public string? LastError { get; set; }

    [Column("createDate", ForceToUtc = false)]
    public DateTime CreateDate { get; set; }
}

/// <summary>
/// A form saved part-way (beyond Umbraco Forms): the values so far, found again by a resume token whose hash alone
/// is stored; it expires, and submitting the entry ends it.
/// </summary>
[TableName(TableName)]
[PrimaryKey("id", AutoIncrement = true)]
[ExplicitColumns]
public sealed class DraftRow
{
    public const string TableName = "mahseFormsDraft";

    [Column("id")]
    [PrimaryKeyColumn(AutoIncrement = true)]
    public long Id { get; set; }

    [Column("key")]
    [Index(IndexTypes.UniqueNonClustered, Name = "IX_mahseFormsDraft_key")]
    public Guid Key { get; set; }

    [Column("formKey")]
    public Guid FormKey { get; set; }

    [Column("tokenHash")]
    [Length(64)]
    [Index(IndexTypes.UniqueNonClustered, Name = "IX_mahseFormsDraft_token")]
    public string TokenHash { get; set; } = "";

    [Column("email")]
    [Length(320)]
    public string Email { get; set; } = "";

    [Column("valuesJson")]
    [SpecialDbType(SpecialDbTypes.NVARCHARMAX)]
    public string Values { get; set; } = "{}";

    [Column("currentPage")]
    public int CurrentPage { get; set; }

    [Column("createDate", ForceToUtc = false)]
    public DateTime CreateDate { get; set; }

    [Column("updateDate", ForceToUtc = false)]
    public DateTime UpdateDate { get; set; }

    [Column("expiresAt", ForceToUtc = false)]
    [Index(IndexTypes.NonClustered, Name = "IX_mahseFormsDraft_expires")]
    public DateTime ExpiresAt { get; set; }
}

/// <summary>A prevalue source: a named list of choices fields can share (text file, data type, documents).</summary>
[TableName(TableName)]
[PrimaryKey("id", AutoIncrement = true)]
[ExplicitColumns]
public sealed class PreValueSourceRow
{
    public const string TableName = "mahseFormsPreValueSource";

    [Column("id")]
    [PrimaryKeyColumn(AutoIncrement = true)]
    public int Id { get; set; }

    [Column("key")]
    [Index(IndexTypes.UniqueNonClustered, Name = "IX_mahseFormsPreValueSource_key")]
    public Guid Key { get; set; }

    [Column("name")]
    [Length(255)]
    public string Name { get; set; } = "";

    [Column("typeId")]
    public Guid TypeId { get; set; }

    [Column("settings")]
    [SpecialDbType(SpecialDbTypes.NVARCHARMAX)]
    public string Settings { get; set; } = "{}";

    /// <summary>For a text-file source: the items as uSync.Forms carries them ([{id, value, caption, sortOrder}]).</summary>
    [Column("items")]
    [SpecialDbType(SpecialDbTypes.NVARCHARMAX)]
    [NullSetting(NullSetting = NullSettings.Null)]
    public string? Items { get; set; }
}

/// <summary>Umbraco Forms' FormState names for entries.</summary>
public static class EntryStates
{
    public const string Submitted = "Submitted";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
}

public static class WorkflowRunStatus
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}

using NPoco;
using Umbraco.Cms.Infrastructure.Persistence.DatabaseAnnotations;
using Umbraco.Cms.Infrastructure.Persistence.DatabaseModelDefinitions;

namespace Mahse.Survey.Storage;

// The survey's tables (NPoco DTOs, created by MahseSurveyMigrationPlan), with the columns of decision 0009.

/// <summary>An organisation that answered the R&amp;I survey (an NHS trust, a university or another employer), with its sub-region.</summary>
[TableName(TableName)]
[PrimaryKey("id", AutoIncrement = true)]
[ExplicitColumns]
public sealed class SurveyOrganisationRow
{
    public const string TableName = "mahseSurveyOrganisation";

    [Column("id")]
    [PrimaryKeyColumn(AutoIncrement = true)]
    public int Id { get; set; }

    [Column("key")]
    [Index(IndexTypes.UniqueNonClustered, Name = "IX_mahseSurveyOrganisation_key")]
    public Guid Key { get; set; }

    [Column("name")]
    [Length(255)]
    [Index(IndexTypes.UniqueNonClustered, Name = "IX_mahseSurveyOrganisation_name")]
    public string Name { get; set; } = "";

    [Column("kind")]
    [Length(50)]
    public string Kind { get; set; } = "NHS trust";

    [Column("subRegion")]
    [Length(100)]
    public string SubRegion { get; set; } = "";
}

/// <summary>
/// One response to the R&amp;I survey. Activity counts are columns (ranges and the ranking read them); contact details
/// are kept only where the respondent consented. <see cref="RespondentId"/> is unique, which makes re-imports idempotent.
/// </summary>
[TableName(TableName)]
[PrimaryKey("id", AutoIncrement = true)]
[ExplicitColumns]
public sealed class SurveyResponseRow
{
    public const string TableName = "mahseSurveyResponse";

    [Column("id")]
    [PrimaryKeyColumn(AutoIncrement = true)]
    public long Id { get; set; }

    [Column("key")]
    [Index(IndexTypes.UniqueNonClustered, Name = "IX_mahseSurveyResponse_key")]
    public Guid Key { get; set; }

    [Column("respondentId")]
    [Length(100)]
    [Index(IndexTypes.UniqueNonClustered, Name = "IX_mahseSurveyResponse_respondentId")]
    public string RespondentId { get; set; } = "";

    // Covers the centres-of-excellence ranking, so its GROUP BY organisation and site reads the index alone instead of
    // visiting every row (decision 0009: 28 ms against 186 ms at 100,000 responses).
    [Column("organisationId")]
    [ForeignKey(typeof(SurveyOrganisationRow), Name = "FK_mahseSurveyResponse_organisation")]
    [Index(IndexTypes.NonClustered, Name = "IX_mahseSurveyResponse_Ranking",
        ForColumns = "organisationId,site,division,championWilling,auditCount,serviceImprovementCount,researchCount,innovationCount,publicationCount,grantCount")]
    public int OrganisationId { get; set; }

    /// <summary>The department: the organisation's site as the survey names it (the department-level ranking groups by it).</summary>
    [Column("site")]
    [Length(255)]
    [NullSetting(NullSetting = NullSettings.Null)]
    public string? Site { get; set; }

    [Column("subRegion")]
    [Length(100)]
    public string SubRegion { get; set; } = "";

    [Column("division")]
    [Length(100)]
    public string Division { get; set; } = "";

    [Column("specialism")]
    [Length(150)]
    public string Specialism { get; set; } = "";

    [Column("careerStage")]
    [Length(100)]
    public string CareerStage { get; set; } = "";

    [Column("band")]
    [Length(20)]
    [NullSetting(NullSetting = NullSettings.Null)]
    public string? Band { get; set; }

    [Column("auditCount")]
    public int AuditCount { get; set; }

    [Column("serviceImprovementCount")]
    public int ServiceImprovementCount { get; set; }

    [Column("researchCount")]
    public int ResearchCount { get; set; }

    [Column("innovationCount")]
    public int InnovationCount { get; set; }

    [Column("publicationCount")]
    public int PublicationCount { get; set; }

    [Column("grantCount")]
    public int GrantCount { get; set; }

    /// <summary>Comma-separated, in the vocabulary's spelling: time, funding, skills, support, access to data.</summary>
    [Column("barriers")]
    [Length(500)]
    public string Barriers { get; set; } = "";

    /// <summary>Comma-separated training needs.</summary>
    [Column("trainingNeeds")]
    [Length(1000)]
    public string TrainingNeeds { get; set; } = "";

    [Column("championWilling")]
    public bool ChampionWilling { get; set; }

    [Column("comments")]
    [SpecialDbType(SpecialDbTypes.NVARCHARMAX)]
    [NullSetting(NullSetting = NullSettings.Null)]
    public string? Comments { get; set; }

    [Column("contactConsent")]
    public bool ContactConsent { get; set; }

    [Column("contactName")]
    [Length(255)]
    [NullSetting(NullSetting = NullSettings.Null)]
    public string? ContactName { get; set; }

    [Column("contactEmail")]
    [Length(320)]
    [NullSetting(NullSetting = NullSettings.Null)]
    public string? ContactEmail { get; set; }

    [Column("isSynthetic")]
    public bool IsSynthetic { get; set; }

    [Column("importedAt", ForceToUtc = false)]
    public DateTime ImportedAt { get; set; }

    /// <summary>The organisation's name, filled by the store's reads (a join), so readers such as the index need no second lookup.</summary>
    [ResultColumn("organisationName")]
    public string? OrganisationName { get; set; }

    /// <summary>The six activity counts by the vocabulary's activity names.</summary>
    public IReadOnlyDictionary<string, int> Activities() => new Dictionary<string, int>
    {
        ["audit"] = AuditCount,
        ["serviceImprovement"] = ServiceImprovementCount,
        ["research"] = ResearchCount,
        ["innovation"] = InnovationCount,
        ["publication"] = PublicationCount,
        ["grantHolding"] = GrantCount,
    };
}

using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Services.OperationStatus;
using Umbraco.Cms.Core.Strings;
using Umbraco.Cms.Infrastructure.Migrations;

namespace Mahse.Forms.Management.UserGroups;

/// <summary>
/// Package migration step: gives the Forms section to Administrators and Editors, and creates the Reviewers group
/// (Forms, and Content to read the pages forms sit on). Once per database, through Umbraco's user group service as a
/// person would in Users > User groups, so an administrator may change any of it later without a restart undoing it.
/// </summary>
public sealed class GrantFormsSection(IMigrationContext context, IUserGroupService groups, IShortStringHelper strings, ILogger<GrantFormsSection> logger)
    : AsyncMigrationBase(context)
{
    public const string ReviewersAlias = "reviewers";

    /// <summary>Umbraco's own Writers/Editors group alias (its constant is internal).</summary>
    public const string EditorsAlias = "editor";

    protected override async Task MigrateAsync()
    {
        foreach (var alias in new[] { Constants.Security.AdminGroupAlias, EditorsAlias })
        {
            if (await groups.GetAsync(alias) is not { } group)
            {
                logger.LogWarning("No user group {Alias} to give the Forms section to", alias);
                continue;
            }

            if (!group.AllowedSections.Contains(FormsSection.Alias))
            {
                group.AddAllowedSection(FormsSection.Alias);
                Check(await groups.UpdateAsync(group, Constants.Security.SuperUserKey), alias);
            }
        }

        if (await groups.GetAsync(ReviewersAlias) is { } existing)
        {
            // Made first by another package's migration (the survey's, whose order against this one Umbraco does not
            // promise): give it what reviewers of entries need.
            var missing = new[] { FormsSection.Alias, Constants.Applications.Content }.Where(s => !existing.AllowedSections.Contains(s)).ToList();
            if (missing.Count > 0)
            {
                missing.ForEach(existing.AddAllowedSection);
                Check(await groups.UpdateAsync(existing, Constants.Security.SuperUserKey), ReviewersAlias);
            }
        }
        else
        {
            var reviewers = new UserGroup(strings, 0, ReviewersAlias, "Reviewers", "icon-checkbox")
            {
                Description = "Read, approve, reject and export form entries; read content.",
                HasAccessToAllLanguages = true,
                Permissions = new HashSet<string> { "Umb.Document.Read" },
            };
            reviewers.AddAllowedSection(FormsSection.Alias);
            reviewers.AddAllowedSection(Constants.Applications.Content);
            Check(await groups.CreateAsync(reviewers, Constants.Security.SuperUserKey), ReviewersAlias);
        }
    }

    /// <summary>A refusal stops the migration (and so the site's start), rather than leaving a site nobody can review on.</summary>
    private static void Check(Attempt<IUserGroup, UserGroupOperationStatus> attempt, string alias)
    {
        if (!attempt.Success)
        {
            throw new InvalidOperationException($"Umbraco refused to save user group {alias}: {attempt.Status}");
        }
    }
}

using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Services.OperationStatus;
using Umbraco.Cms.Core.Strings;
using Umbraco.Cms.Infrastructure.Migrations;

namespace Mahse.Survey.Management.UserGroups;

/// <summary>The Survey section's alias: the backoffice manifest's section and the user groups' allowed sections.</summary>
public static class SurveySection
{
    public const string Alias = "Mahse.Section.Survey";
}

/// <summary>
/// Package migration step: gives the Survey section to Administrators and Reviewers (the programme leads; the Forms
/// package also makes the Reviewers group, whichever migrates first creates it). Writers and Editors do not get it. Once per database, through Umbraco's user
/// group service as a person would in Users > User groups, so an administrator may change it later. Which groups see
/// responses is still <c>Mahse:Survey:ViewerGroups</c>: the section is the way in, the API checks the group.
/// </summary>
public sealed class GrantSurveySection(IMigrationContext context, IUserGroupService groups, IShortStringHelper strings, ILogger<GrantSurveySection> logger)
    : AsyncMigrationBase(context)
{
    public const string ReviewersAlias = "reviewers";

    protected override async Task MigrateAsync()
    {
        foreach (var alias in new[] { Constants.Security.AdminGroupAlias, ReviewersAlias })
        {
            var group = await groups.GetAsync(alias);
            if (group is null && alias == ReviewersAlias)
            {
                // The Forms package's migration makes Reviewers, but Umbraco does not promise which package migrates
                // first: make the group here (the Forms step then adds its own sections to it).
                var reviewers = new UserGroup(strings, 0, ReviewersAlias, "Reviewers", "icon-checkbox")
                {
                    Description = "Programme leads and reviewers: the R&I survey; form entries and content to read.",
                    HasAccessToAllLanguages = true,
                    Permissions = new HashSet<string> { "Umb.Document.Read" },
                };
                reviewers.AddAllowedSection(SurveySection.Alias);
                Check(await groups.CreateAsync(reviewers, Constants.Security.SuperUserKey), alias);
                continue;
            }

            if (group is null)
            {
                logger.LogWarning("No user group {Alias} to give the Survey section to", alias);
                continue;
            }

            if (!group.AllowedSections.Contains(SurveySection.Alias))
            {
                group.AddAllowedSection(SurveySection.Alias);
                Check(await groups.UpdateAsync(group, Constants.Security.SuperUserKey), alias);
            }
        }
    }

    private static void Check(Attempt<IUserGroup, UserGroupOperationStatus> attempt, string alias)
    {
        if (!attempt.Success)
        {
            throw new InvalidOperationException($"Umbraco refused to save user group {alias}: {attempt.Status}");
        }
    }
}

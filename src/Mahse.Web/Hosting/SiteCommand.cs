using Mahse.Survey.Commands;
using Mahse.Sync.Commands;

namespace Mahse.Web.Hosting;

/// <summary>
/// A command-line verb (<c>usync import|export</c>, <c>survey import|generate</c>) run on the booted Umbraco instead of the web server. Options the
/// verb does not know are left for the host (<c>--urls</c>, configuration overrides).
/// </summary>
public sealed class SiteCommand(Func<IServiceProvider, TextWriter, CancellationToken, Task<int>> run)
{
    public Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct) => run(services, output, ct);

    public static SiteCommand? Parse(string[] args, out string[] hostArgs)
    {
        hostArgs = args;
        if (args is ["usync", .. var rest])
        {
            var sync = SyncCommand.Parse(rest, out var remaining);
            hostArgs = remaining;
            return new SiteCommand(sync.RunAsync);
        }

        if (args is ["survey", .. var surveyArgs])
        {
            var survey = SurveyCommand.Parse(surveyArgs, out var remaining);
            hostArgs = remaining;
            return new SiteCommand(survey.RunAsync);
        }

        return null;
    }
}

using Mahse.Web;

var contentRoot = ContentRootLocator.Locate(args);
if (args is ["usync", .. var syncArgs])
{
    return await SyncCommand.RunAsync(syncArgs, contentRoot);
}

if (args is ["survey", .. var surveyArgs])
{
    return await SurveyCommand.RunAsync(surveyArgs, contentRoot);
}

var app = MahseApp.Create(args, contentRoot);
await app.RunAsync();
return 0;

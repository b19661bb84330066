using Mahse.Web;

var app = MahseApp.Create(args, ContentRootLocator.Locate(args));
await app.RunAsync();

using Mahse.Web.Hosting;

// The MAHSE portal: an Umbraco 18 site. Umbraco supplies the backoffice, the Management and Delivery APIs, members,
// Examine and persistence; our packages (sync, portal handlers) plug in through composers found by AddComposers().
var contentRoot = ContentRootLocator.Locate(args);
var command = SiteCommand.Parse(args, out var hostArgs);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = contentRoot });

// Umbraco's backoffice and our App_Plugins come from Razor class libraries' static web assets. ASP.NET Core only reads
// their manifest in Development; read it always, so `dotnet run` and the test hosts serve the backoffice in any
// environment. A published site has the files in wwwroot and no manifest, and this does nothing there.
builder.WebHost.UseStaticWebAssets();
FirstAdministrator.Configure(builder.Configuration, builder.Environment.ContentRootPath);
ImagingSecret.Configure(builder.Configuration, builder.Environment.ContentRootPath);
Mahse.Web.Mail.MailPickupFolder.ResolveAgainstContentRoot(builder.Configuration, builder.Environment.ContentRootPath);

builder.CreateUmbracoBuilder()
    .AddBackOffice()
    .AddWebsite()
    .AddDeliveryApi()
    .AddComposers()
    .Build();

var app = builder.Build();
await app.BootUmbracoAsync();

if (command is not null)
{
    // A command (usync import, …) runs on the booted Umbraco and exits without starting the web server.
    if (!await CommandPackageMigrations.RunAsync(app.Services, Console.Out))
    {
        return 1;
    }

    return await command.RunAsync(app.Services, Console.Out, CancellationToken.None);
}

app.UseUmbraco()
    .WithMiddleware(u =>
    {
        u.UseBackOffice();
        u.UseWebsite();
    })
    .WithEndpoints(u =>
    {
        u.UseBackOfficeEndpoints();
        u.UseWebsiteEndpoints();
    });

await app.RunAsync();
return 0;

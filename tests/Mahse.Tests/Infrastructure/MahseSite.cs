namespace Mahse.Tests.Infrastructure;

/// <summary>
/// A new site with the MAHSE uSync folder: first boot imports it, and the fixture waits until Umbraco's background
/// indexing has put every public document into the Delivery API's index.
/// </summary>
public class MahseSite : UmbracoSite
{
    public IReadOnlyList<SeedDocument> Seed { get; } = SeedContent.Load(Repository.MahseUsync);

    public DeliveryApi Delivery => new(Anonymous());

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        try
        {
            await Delivery.WaitForAsync("filter=contentType:portalHome", 1);
            await Delivery.WaitForAsync("", Seed.Count(d => d.Published && !d.Protected), TimeSpan.FromSeconds(90));
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{ex.Message}\n{Diagnostics()}", ex);
        }
    }

    public SeedDocument Document(string name) => Seed.Single(d => d.Name == name);
}

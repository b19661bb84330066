using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Persistence;
using Mahse.Cms.Search;
using Mahse.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;

namespace Mahse.Bench;

/// <summary>
/// Members: sign-in through the login form (antiforgery and password check included) against the bare password
/// hash check on the same machine, and Delivery API item reads with a member token: a members-only item against a
/// public item with the same token (the cost of the protection check), and a public item without a token.
/// </summary>
internal static partial class MembersBench
{
    private const string Api = "/umbraco/delivery/api/v2/content";
    private const string Password = "a benchmark passphrase";

    public static async Task RunAsync(int seconds)
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.Error.WriteLine("needs wrk: apt-get install -y wrk");
            Environment.Exit(2);
        }

        var root = BenchHost.NewContentRoot();
        try
        {
            DeliveryBench.CopyDirectory(Path.Combine(DeliveryBench.RepositoryRoot(), "uSync", "v17"), Path.Combine(root, "uSync", "v17"));
            var settings = BenchHost.Settings(root);
            settings["uSync:Settings:ImportOnFirstBoot"] = "true";
            settings["Umbraco:CMS:DeliveryApi:Enabled"] = "true";
            settings["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:Enabled"] = "true";
            settings["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientId"] = "bench";
            settings["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientSecret"] = "bench-member-secret-0123";
            settings["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:UserName"] = "reader@bench.test";
            var url = $"http://127.0.0.1:{BenchHost.FreePort()}";
            var app = MahseApp.Create(["--urls", url], root, settings);
            await app.StartAsync();
            try
            {
                await CreateMemberAsync(app.Services, "reader@bench.test");
                await app.Services.GetRequiredService<IndexingQueue>().WhenIdleAsync();
                using var http = new HttpClient { BaseAddress = new Uri(url) };
                var token = await TokenAsync(http);
                var cache = app.Services.GetRequiredService<PublishedContentCache>();
                var guidance = cache.All.First(i => i.ContentTypeAlias == "guidancePage");
                var stage = cache.All.First(i => i.ContentTypeAlias == "roadmapStage");
                var bearer = $"Authorization: Bearer {token}";
                await DeliveryBench.Ok(http, $"{Api}/item/{guidance.Key}", bearer);
                await DeliveryBench.Ok(http, $"{Api}/item/{stage.Key}", bearer);

                // Warm-up, then the same members-only page read with the member's token, then (its public access
                // entry removed) the very same page and request as public content, and anonymously.
                // Runs alternate (protected, public, …) so that drift on the machine averages out instead of biasing one side.
                DeliveryBench.Wrk($"{url}{Api}/item/{guidance.Key}", 64, 5, bearer);
                var protectedRuns = new List<DeliveryBench.WrkResult>();
                var publicRuns = new List<DeliveryBench.WrkResult>();
                for (var round = 0; round < 3; round++)
                {
                    protectedRuns.Add(DeliveryBench.Wrk($"{url}{Api}/item/{guidance.Key}", 64, seconds, bearer));
                    var entry = await MakePublicAsync(app.Services, guidance.Key);
                    publicRuns.Add(DeliveryBench.Wrk($"{url}{Api}/item/{guidance.Key}", 64, seconds, bearer));
                    await ProtectAgainAsync(app.Services, entry);
                }

                var protectedWithToken = Median(protectedRuns);
                var publicWithToken = Median(publicRuns);
                var entryForAnonymous = await MakePublicAsync(app.Services, guidance.Key);
                var publicAnonymous = DeliveryBench.Wrk($"{url}{Api}/item/{guidance.Key}", 64, seconds);
                await ProtectAgainAsync(app.Services, entryForAnonymous);

                // What a member's read costs the database: round trips per request, counted from EF Core's diagnostics.
                var roundTripsWithToken = await RoundTripsPerRequestAsync(http, $"{Api}/item/{guidance.Key}", token);
                var hashBaseline = HashChecks(app.Services, seconds);
                var signIn = await SignInLoadAsync(url, "reader@bench.test", connections: 8, seconds);

                Console.WriteLine($"Members benchmark: MAHSE site, SQLite, {Environment.ProcessorCount} cores, wrk {seconds} s per run, 64 connections for reads");
                Console.WriteLine("| measure | req/s | p50 | p90 | p99 | baseline, same run | ratio | target |");
                Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
                Console.WriteLine($"item: {Api}/item/{{id}} of the guidance page \"{guidance.Name}\", members-only (Registered members), then made public");
                Console.WriteLine($"runs, req/s: members-only {string.Join(", ", protectedRuns.Select(r => r.RequestsPerSecond.ToString("F0")))}; public {string.Join(", ", publicRuns.Select(r => r.RequestsPerSecond.ToString("F0")))} (medians below)");
                Console.WriteLine(DeliveryBench.Row("members-only page, member token", protectedWithToken, publicWithToken, "≥ 80% of the same page public, same token"));
                Console.WriteLine(DeliveryBench.Row("the same page public, member token", publicWithToken, publicAnonymous, "reported (cost of validating a reference token)"));
                Console.WriteLine(DeliveryBench.Row("the same page public, no token", publicAnonymous, null, "reported"));
                Console.WriteLine($"database round trips per members-only read with a token (EF Core connections opened over 200 reads): {roundTripsWithToken:F2}; OpenIddict looks the reference token up, the page itself comes from memory");
                Console.WriteLine($"| sign-in through the login form, 8 clients | {signIn.RequestsPerSecond:F0} | {signIn.P50:F2} ms | {signIn.P90:F2} ms | {signIn.P99:F2} ms | {hashBaseline:F0} bare PBKDF2 checks/s on {Environment.ProcessorCount} threads | {signIn.RequestsPerSecond / hashBaseline:P0} | reported |");
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            BenchHost.Delete(root);
        }
    }

    private static async Task<double> RoundTripsPerRequestAsync(HttpClient http, string path, string token, int requests = 200)
    {
        using var counter = new EfEventCounter();
        for (var i = 0; i < requests; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }

        return counter.Of("Database.Connection.ConnectionOpened") / (double)requests;
    }

    /// <summary>Counts EF Core's diagnostic events (connections opened, commands…) in this process while it lives.</summary>
    private sealed class EfEventCounter : IObserver<System.Diagnostics.DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _events = new();

        public EfEventCounter() => _subscriptions.Add(System.Diagnostics.DiagnosticListener.AllListeners.Subscribe(this));

        public int Of(string name) => _events.GetValueOrDefault("Microsoft.EntityFrameworkCore." + name);

        public void OnNext(System.Diagnostics.DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.EntityFrameworkCore")
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value) => _events.AddOrUpdate(value.Key, 1, (_, n) => n + 1);

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }

    private static DeliveryBench.WrkResult Median(List<DeliveryBench.WrkResult> runs) => runs.OrderBy(r => r.RequestsPerSecond).ElementAt(runs.Count / 2);

    private static async Task CreateMemberAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MemberRow>>();
        var contexts = scope.ServiceProvider.GetRequiredService<ICmsDbContextFactory>();
        int typeId;
        await using (var db = contexts.CreateDbContext())
        {
            typeId = db.ContentTypes.Single(t => t.Alias == "Member").Id;
        }

        var member = new MemberRow { Key = Guid.NewGuid(), Email = email, Name = "Bench Reader", MemberTypeId = typeId, EmailConfirmed = true, IsApproved = true, SecurityStamp = Guid.NewGuid().ToString("N") };
        var created = await users.CreateAsync(member, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(", ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(member, "Registered members");
    }

    private static async Task<PublicAccessRow> MakePublicAsync(IServiceProvider services, Guid key)
    {
        await using (var db = services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext())
        {
            var entry = await db.PublicAccess.AsNoTracking().SingleAsync(a => a.NodeKey == key);
            await db.PublicAccess.Where(a => a.NodeKey == key).ExecuteDeleteAsync();
            services.GetRequiredService<Mahse.Cms.Content.PublicAccess.PublicAccessRules>().Invalidate();
            return entry;
        }
    }

    private static async Task ProtectAgainAsync(IServiceProvider services, PublicAccessRow entry)
    {
        await using (var db = services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext())
        {
            entry.Id = 0;
            db.PublicAccess.Add(entry);
            await db.SaveChangesAsync();
        }

        services.GetRequiredService<Mahse.Cms.Content.PublicAccess.PublicAccessRules>().Invalidate();
    }

    private static async Task<string> TokenAsync(HttpClient http)
    {
        var response = await http.PostAsync("/umbraco/delivery/api/v1/security/member/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "umbraco-member-bench", ["client_secret"] = "bench-member-secret-0123",
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>Bare ASP.NET Core Identity password checks per second, all cores busy: the floor under any sign-in.</summary>
    private static double HashChecks(IServiceProvider services, int seconds)
    {
        var hasher = new PasswordHasher<MemberRow>();
        var member = new MemberRow();
        var hash = hasher.HashPassword(member, Password);
        var count = 0L;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                hasher.VerifyHashedPassword(member, hash, Password);
                Interlocked.Increment(ref count);
            }
        });
        return count / (double)seconds;
    }

    /// <summary>Concurrent browsers posting the login form: each holds an antiforgery pair and no session cookie.</summary>
    private static async Task<DeliveryBench.WrkResult> SignInLoadAsync(string url, string email, int connections, int seconds)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var until = DateTime.UtcNow.AddSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
            var page = await client.GetAsync("/members/login");
            var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            var field = AntiforgeryField().Match(await page.Content.ReadAsStringAsync());
            while (DateTime.UtcNow < until)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/members/login")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["email"] = email, ["password"] = Password, [WebUtility.HtmlDecode(field.Groups["name"].Value)] = WebUtility.HtmlDecode(field.Groups["value"].Value),
                    }),
                };
                request.Headers.Add("Cookie", cookie);
                var started = Stopwatch.GetTimestamp();
                var response = await client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Redirect)
                {
                    throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var sorted = latencies.Order().ToArray();
        double At(double p) => sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
        return new DeliveryBench.WrkResult(sorted.Length / (double)seconds, At(0.5), At(0.9), At(0.99));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\">")]
    private static partial Regex AntiforgeryField();
}

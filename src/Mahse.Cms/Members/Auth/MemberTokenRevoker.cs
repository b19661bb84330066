using OpenIddict.Abstractions;

namespace Mahse.Cms.Members.Auth;

/// <summary>
/// Revokes every token of a member, as Umbraco does when a member is saved, deleted or changes groups, so access
/// granted under the old facts ends at once (tokens are reference tokens, checked against the store per request).
/// </summary>
public sealed class MemberTokenRevoker(IOpenIddictTokenManager tokens)
{
    public async Task RevokeAsync(Guid memberKey, CancellationToken ct)
    {
        var found = new List<object>();
        await foreach (var token in tokens.FindBySubjectAsync(memberKey.ToString("D"), ct))
        {
            found.Add(token);
        }

        foreach (var token in found)
        {
            await tokens.TryRevokeAsync(token, ct);
        }
    }
}

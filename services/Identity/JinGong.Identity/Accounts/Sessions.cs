using OpenIddict.Abstractions;

namespace JinGong.Identity.Accounts;

/// <summary>
/// An account's sessions: each sign-in of the console is an OpenIddict authorization holding the refresh tokens it was
/// given. Ending them revokes those tokens at once, so nobody gets a new access token from them; an access token already
/// out lives until it expires (<see cref="IdentitySettings.AccessTokenLifetime"/>, short for that reason).
/// </summary>
public sealed class Sessions(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
{
    /// <summary>Ends every session of <paramref name="account"/> but <paramref name="keep"/> (an authorization id), and its identity-provider sign-ins.</summary>
    public async Task EndAsync(Account account, string? keep, CancellationToken cancellationToken)
    {
        account.Restamp();
        if (keep is null)
        {
            await authorizations.RevokeBySubjectAsync(account.Id, cancellationToken);
            await tokens.RevokeBySubjectAsync(account.Id, cancellationToken);
            return;
        }

        var others = new List<string>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(account.Id, cancellationToken))
        {
            if (await authorizations.GetIdAsync(authorization, cancellationToken) is { } id && id != keep)
            {
                others.Add(id);
            }
        }

        foreach (var id in others)
        {
            if (await authorizations.FindByIdAsync(id, cancellationToken) is { } authorization)
            {
                await authorizations.TryRevokeAsync(authorization, cancellationToken);
            }

            await tokens.RevokeByAuthorizationIdAsync(id, cancellationToken);
        }
    }
}

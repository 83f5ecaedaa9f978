using System.Text.Json;
using JinGong.EventSourcing.Privacy;
using JinGong.Http;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace JinGong.Identity.Privacy;

/// <summary>
/// What identity holds about a person [个人信息查阅], in the shape every service answers (its part of the gateway's
/// export): their account (its roles, region and standing; whether it has a password, never the hash), each sign-in
/// session and token OpenIddict keeps for them (when, what kind, its status), and the answers kept for their keyed
/// writes. Identity keeps no events; after an erasure it holds nothing.
/// </summary>
public static class IdentityHoldings
{
    private static readonly ApiTag Tag = new("Privacy", "Personal information on a person's request: what identity holds about them (administrators; docs/privacy.md).");

    public static RouteGroupBuilder MapIdentityHoldings(this RouteGroupBuilder api)
    {
        api.MapGroup("/privacy").WithTag(Tag).MapGet("/subjects/{subjectId}", ExportAsync)
            .WithName("ExportSubject")
            .WithSummary("Everything identity holds about a person, on their request (administrators)")
            .RequireRoles();
        return api;
    }

    private static async Task<Ok<SubjectHoldings>> ExportAsync(
        string subjectId, IdentityStore store, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, CancellationToken cancellationToken)
    {
        var documents = new List<HeldDocument>();
        if (await store.Accounts.AsNoTracking().SingleOrDefaultAsync(account => account.Id == subjectId, cancellationToken) is { } account)
        {
            documents.Add(Held("account", account.Id, new
            {
                account.Id, account.Name, account.Roles, account.Region, account.Active, account.Machine, HasPassword = account.PasswordHash is not null,
                account.RosterAsOf, account.FailedSignIns, account.LockedUntil,
            }));
        }

        await foreach (var authorization in authorizations.FindBySubjectAsync(subjectId, cancellationToken))
        {
            documents.Add(Held("authorization", await authorizations.GetIdAsync(authorization, cancellationToken) ?? string.Empty, new
            {
                Type = await authorizations.GetTypeAsync(authorization, cancellationToken),
                Status = await authorizations.GetStatusAsync(authorization, cancellationToken),
                CreatedAt = await authorizations.GetCreationDateAsync(authorization, cancellationToken),
                Scopes = await authorizations.GetScopesAsync(authorization, cancellationToken),
            }));
        }

        await foreach (var token in tokens.FindBySubjectAsync(subjectId, cancellationToken))
        {
            documents.Add(Held("token", await tokens.GetIdAsync(token, cancellationToken) ?? string.Empty, new
            {
                Type = await tokens.GetTypeAsync(token, cancellationToken),
                Status = await tokens.GetStatusAsync(token, cancellationToken),
                CreatedAt = await tokens.GetCreationDateAsync(token, cancellationToken),
                ExpiresAt = await tokens.GetExpirationDateAsync(token, cancellationToken),
            }));
        }

        foreach (var answer in await store.IdempotentAnswers.AsNoTracking().Where(answer => answer.Caller == subjectId).ToListAsync(cancellationToken))
        {
            documents.Add(Held("answer", answer.Id, new { answer.Status, answer.RecordedAt }));
        }

        return TypedResults.Ok(new SubjectHoldings("identity", subjectId, null, [], documents));
    }

    private static HeldDocument Held(string type, string id, object data) => new(type, id, JsonSerializer.SerializeToElement(data));
}

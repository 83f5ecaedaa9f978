using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using JinGong.Okr.Objectives;

namespace JinGong.Okr.KeyResults.CheckingIn;

/// <summary>Where a manual key result stands, how confident the owner is of reaching its target (0–1), and a note.</summary>
public sealed record CheckInRequest(decimal? Value, decimal? Confidence, string? Note, DateTimeOffset? OccurredAt) : ICommandRequest;

/// <summary>End-of-period scoring: the score (0–1) that stands instead of the computed one, and why.</summary>
public sealed record ScoreRequest(decimal? Score, string? Reason, DateTimeOffset? OccurredAt) : ICommandRequest;

public static class CheckInEndpoints
{
    public const int MaxNoteLength = 2_000;

    public static RouteGroupBuilder MapCheckIns(this RouteGroupBuilder keyResults)
    {
        keyResults.MapStreamCommand<CheckInRequest, KeyResult, KeyResultView>(
            "/{id}/check-ins", "CheckIn", KeyResultsModule.KeyResults,
            request => new FieldErrors()
                .Required("value", request.Value)
                .Check("value", request.Value is null || Math.Abs(request.Value.Value) <= Defining.DefineKeyResultEndpoint.MaxMagnitude, $"The value is out of any key result's range.")
                .Required("confidence", request.Confidence)
                .Check("confidence", request.Confidence is null or >= 0 and <= 1, $"Confidence is from 0 (no chance) to 1 (certain).")
                .Check("note", request.Note is null || request.Note.Length <= MaxNoteLength, $"A note has at most {MaxNoteLength} characters."),
            (id, request, occurredAt, now) => state => KeyResultDecider.Decide(
                new CheckIn(id, request.Value!.Value, request.Confidence!.Value, FieldErrors.Trimmed(request.Note), occurredAt, now), state))
            .WithSummary("Check in a manual key result: its value, the owner's confidence and a note")
            .RequireRoles(Writers.OwningRoles)
            .WrittenByTheOwnerChain(keyResult: true);

        keyResults.MapStreamCommand<ScoreRequest, KeyResult, KeyResultView>(
            "/{id}/scoring", "ScoreKeyResult", KeyResultsModule.KeyResults,
            request => new FieldErrors()
                .Required("score", request.Score)
                .Check("score", request.Score is null or >= 0 and <= 1, $"A score is from 0.0 to 1.0 (0.7 is the conventional good).")
                .Required("reason", request.Reason, MaxNoteLength),
            (id, request, occurredAt, now) => state => KeyResultDecider.Decide(new ScoreKeyResult(id, request.Score!.Value, request.Reason!.Trim(), occurredAt, now), state))
            .WithSummary("Score a key result at the end of its period, overriding the computed score with a reason; it is frozen from then on")
            // The owner's manager chain scores, whatever their job; not any regional manager.
            .RequireRoles(Writers.OwningRoles)
            .WrittenByTheOwnerChain(keyResult: true, ownerMay: false);
        return keyResults;
    }
}

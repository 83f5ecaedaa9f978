using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace JinGong.Http;

/// <summary>A stream's version travels as an ETag: reads send it, writes may send it back in <c>If-Match</c>.</summary>
public static class ETags
{
    /// <summary>
    /// Marks a command that honours <c>If-Match</c> (412 when the stream has moved on from the version it names) and answers
    /// with the stream's new version as ETag, for its OpenAPI document (<see cref="ETagDocumentation"/>).
    /// </summary>
    public static TBuilder HonoursIfMatch<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(IfMatchHonoured.Instance);

    /// <summary>Marks a read that answers with the stream's version as ETag, for its OpenAPI document.</summary>
    public static TBuilder SendsETag<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(ETagSent.Instance);

    public static void SetStreamVersion(this HttpResponse response, long version) => response.Headers.ETag = Of(version);

    /// <summary>The ETag of a stream at <paramref name="version"/>: <c>"5"</c>.</summary>
    public static string Of(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The version named by <c>If-Match</c> (<c>"5"</c> or <c>W/"5"</c>); null when absent. False when the
    /// header is there but names no version.
    /// </summary>
    public static bool TryGetExpectedVersion(this HttpRequest request, out long? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0)
        {
            return true;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (value.Length > 2 && value[0] == '"' && value[^1] == '"'
            && long.TryParse(value[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            version = parsed;
            return true;
        }

        return false;
    }
}

/// <summary>The endpoint's command is decided at the version <c>If-Match</c> names, if any (see <see cref="ETags.HonoursIfMatch"/>).</summary>
public sealed class IfMatchHonoured
{
    public static readonly IfMatchHonoured Instance = new();

    private IfMatchHonoured()
    {
    }
}

/// <summary>The endpoint answers with the stream's version as ETag (see <see cref="ETags.SendsETag"/>).</summary>
public sealed class ETagSent
{
    public static readonly ETagSent Instance = new();

    private ETagSent()
    {
    }
}

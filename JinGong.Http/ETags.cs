using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace JinGong.Http;

/// <summary>A stream's version travels as an ETag: reads send it, writes may send it back in <c>If-Match</c>.</summary>
public static class ETags
{
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

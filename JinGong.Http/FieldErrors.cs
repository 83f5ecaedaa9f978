using System.Text.RegularExpressions;
using JinGong.Http.Languages;

namespace JinGong.Http;

/// <summary>Collects what is wrong with a request's fields, for one 400 that names them all.</summary>
public sealed partial class FieldErrors
{
    public const int MaxTextLength = 200;

    public static FormattableString IdRule => $"An id is letters, digits, '.', '_' or '-' (up to 64), starting with a letter or digit, e.g. ORD-3F9A0C12B7 or li.wei.";

    /// <summary>Ten billion yuan: above any single sale, below decimal trouble.</summary>
    public const decimal MaxMoney = 10_000_000_000m;

    private readonly Dictionary<string, string[]> errors = [];

    public IDictionary<string, string[]> Errors => errors;

    public bool Any => errors.Count > 0;

    /// <summary>A text that must be there, of at most <paramref name="maxLength"/> characters.</summary>
    public FieldErrors Required(string field, string? value, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [IsRequired(field)];
        }
        else if (value.Trim().Length > maxLength)
        {
            errors[field] = [Texts.Say($"The {Texts.Field(field)} has at most {maxLength} characters.")];
        }

        return this;
    }

    /// <summary>
    /// An id that names a record (an order, a loan, a telematics batch), not free text: there, and <see cref="IsId"/>. It
    /// travels into event streams, bus messages, URLs and logs, so SQL, markup and look-alike Unicode have no place in it.
    /// </summary>
    public FieldErrors Id(string field, string? value)
    {
        Required(field, value);
        return Check(field, string.IsNullOrWhiteSpace(value) || IsId(value.Trim()), IdRule);
    }

    public static bool IsId(string value) => IdPattern().IsMatch(value);

    /// <summary>An id that may be left out; when there, as <see cref="Id"/>.</summary>
    public FieldErrors OptionalId(string field, string? value) => Check(field, Trimmed(value) is not { } id || IsId(id), IdRule);

    /// <summary>A text that may be left out, trimmed, or null when blank.</summary>
    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public FieldErrors Required<T>(string field, T? value) where T : struct
    {
        if (value is null)
        {
            errors[field] = [IsRequired(field)];
        }

        return this;
    }

    /// <summary>An amount of money (DESIGN.md, "Money"): there, above zero, in yuan and fen (two decimals at most).</summary>
    public FieldErrors Money(string field, decimal? value, decimal max = MaxMoney)
    {
        Required(field, value);
        return Check(field, value is null || (value > 0 && value <= max && decimal.Round(value.Value, 2) == value.Value),
            $"The {Texts.Field(field)} is an amount above 0 and up to {max:0}, with at most two decimals.");
    }

    /// <summary>A count of units: there and within 1..<paramref name="max"/>.</summary>
    public FieldErrors Count(string field, int? value, int max)
    {
        Required(field, value);
        return Check(field, value is null || value is >= 1 && value <= max, $"The {Texts.Field(field)} is a whole number from 1 to {max}.");
    }

    /// <summary>
    /// A place on the earth (degrees, WGS 84): its <c>latitude</c> and <c>longitude</c> there and in range, the fields named
    /// after <paramref name="prefix"/> (<c>points[3].</c> for a place inside a list).
    /// </summary>
    public FieldErrors Position(double? latitude, double? longitude, string prefix = "")
    {
        Required($"{prefix}latitude", latitude);
        Required($"{prefix}longitude", longitude);
        return Check($"{prefix}latitude", latitude is null or >= -90 and <= 90, $"Latitude runs from -90 to 90.")
            .Check($"{prefix}longitude", longitude is null or >= -180 and <= 180, $"Longitude runs from -180 to 180.");
    }

    /// <summary>
    /// A rule of the field's own; the first problem found with a field is the one reported, in the request's language
    /// (<see cref="Texts"/>).
    /// </summary>
    public FieldErrors Check(string field, bool valid, FormattableString message)
    {
        if (!valid && !errors.ContainsKey(field))
        {
            errors[field] = [Texts.Say(message)];
        }

        return this;
    }

    private static string IsRequired(string field) => Texts.Say($"The {Texts.Field(field)} is required.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}

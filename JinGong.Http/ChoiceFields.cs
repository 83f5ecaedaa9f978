namespace JinGong.Http;

/// <summary>A query field naming one of a fixed set of choices (an enum), read the same way by every endpoint.</summary>
public static class ChoiceFields
{
    /// <summary>
    /// The member of <typeparamref name="TEnum"/> named by <paramref name="text"/> in any case, or <paramref name="fallback"/>
    /// when the field is absent. Only names count: never a number or a list, which <c>Enum.TryParse</c> would take.
    /// </summary>
    public static TEnum ParseChoice<TEnum>(this FieldErrors errors, string field, string? text, TEnum fallback)
        where TEnum : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }

        var name = Enum.GetNames<TEnum>().FirstOrDefault(name => string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase));
        errors.Check(field, name is not null, $"The {field} is one of {string.Join(", ", Enum.GetNames<TEnum>().Select(CamelCase))}.");
        return name is null ? fallback : Enum.Parse<TEnum>(name);
    }

    // "SalesRep" → "salesRep", as clients write it
    private static string CamelCase(string name) => string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
}

namespace JinGong.ServiceDefaults.Http;

/// <summary>Collects what is wrong with a request's fields, for one 400 that names them all.</summary>
public sealed class FieldErrors
{
    public const int MaxTextLength = 200;

    private readonly Dictionary<string, string[]> errors = [];

    public IDictionary<string, string[]> Errors => errors;

    public bool Any => errors.Count > 0;

    /// <summary>A text that must be there, of at most <paramref name="maxLength"/> characters.</summary>
    public FieldErrors Required(string field, string? value, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"The {field} is required."];
        }
        else if (value.Trim().Length > maxLength)
        {
            errors[field] = [$"The {field} has at most {maxLength} characters."];
        }

        return this;
    }

    public FieldErrors Required<T>(string field, T? value) where T : struct
    {
        if (value is null)
        {
            errors[field] = [$"The {field} is required."];
        }

        return this;
    }

    /// <summary>A rule of the field's own; the first problem found with a field is the one reported.</summary>
    public FieldErrors Check(string field, bool valid, string message)
    {
        if (!valid && !errors.ContainsKey(field))
        {
            errors[field] = [message];
        }

        return this;
    }
}

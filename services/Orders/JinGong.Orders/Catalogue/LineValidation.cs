using JinGong.Http;

namespace JinGong.Orders.Catalogue;

public static class LineValidation
{
    public const int MaxLines = 50;

    /// <summary>
    /// The lines of an opportunity or an order: at least one, at most <see cref="MaxLines"/>, each naming a
    /// model, each with its own further checks. Whether the catalogue sells the model is its decider's rule
    /// (<see cref="CatalogueDecider.Unsold"/>).
    /// </summary>
    public static FieldErrors Lines<TLine>(
        this FieldErrors errors, IReadOnlyList<TLine?>? lines, Action<TLine, int, FieldErrors> checkLine, Func<TLine, string?> model)
    {
        errors.Check("lines", lines is { Count: > 0 and <= MaxLines }, $"Name 1 to {MaxLines} lines.");
        for (var index = 0; lines is { Count: <= MaxLines } && index < lines.Count; index++)
        {
            if (lines[index] is not { } line)
            {
                errors.Check($"lines[{index}]", false, $"A line is an object.");
                continue;
            }

            errors.Required($"lines[{index}].model", model(line));
            checkLine(line, index, errors);
        }

        return errors;
    }
}

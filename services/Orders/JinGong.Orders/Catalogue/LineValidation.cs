using JinGong.Http;

namespace JinGong.Orders.Catalogue;

public static class LineValidation
{
    public const int MaxLines = 50;

    /// <summary>
    /// The lines of an opportunity or an order: at least one, at most <see cref="MaxLines"/>, each naming a
    /// model the company sells, each with its own further checks.
    /// </summary>
    public static FieldErrors Lines<TLine>(
        this FieldErrors errors, IReadOnlyList<TLine?>? lines, ProductCatalogue catalogue,
        Action<TLine, int, FieldErrors> checkLine, Func<TLine, string?> model)
    {
        errors.Check("lines", lines is { Count: > 0 and <= MaxLines }, $"Name 1 to {MaxLines} lines.");
        for (var index = 0; lines is { Count: <= MaxLines } && index < lines.Count; index++)
        {
            if (lines[index] is not { } line)
            {
                errors.Check($"lines[{index}]", false, $"A line is an object.");
                continue;
            }

            errors.Required($"lines[{index}].model", model(line))
                .Check($"lines[{index}].model", catalogue.Sells(model(line)), $"The company does not sell a model named '{model(line)}'; see /api/orders/models.");
            checkLine(line, index, errors);
        }

        return errors;
    }
}

namespace JinGong.Domain.Figures;

/// <summary>Rounding shared by the figures: decimals only (money is never a double), halves away from zero as people round by hand.</summary>
public static class FigureMath
{
    /// <summary>
    /// <paramref name="numerator"/> ÷ <paramref name="denominator"/> rounded to <paramref name="decimals"/>, or null when
    /// the denominator is zero: "no basis" must not read as a rate of 0.
    /// </summary>
    public static decimal? Ratio(decimal numerator, decimal denominator, int decimals) =>
        denominator == 0m ? null : Math.Round(numerator / denominator, decimals, MidpointRounding.AwayFromZero);

    /// <summary>An amount of CNY to two decimals.</summary>
    public static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}

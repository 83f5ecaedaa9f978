using System.Globalization;

namespace JinGong.Testing;

/// <summary>Code run as a request runs it once request localization has read its <c>Accept-Language</c>: under a UI culture.</summary>
public static class UiCulture
{
    /// <summary>What <paramref name="act"/> gives under the UI culture <paramref name="culture"/> (<c>zh-CN</c>), the culture put back after.</summary>
    public static T With<T>(string culture, Func<T> act)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return act();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}

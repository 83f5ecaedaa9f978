namespace JinGong.Testing;

/// <summary>
/// What an API test talks to: the whole system through its gateway (<see cref="SystemFixture"/>) or one service on its
/// own (<see cref="ServiceHost{TEntryPoint}"/>). The paths are the same either way (<c>/api/okr/...</c>).
/// </summary>
public interface IApiUnderTest
{
    /// <summary>The API, signed in as the administrator (who may do everything).</summary>
    HttpClient Api { get; }

    /// <summary>A database's or the broker's connection string, for checking what was stored or sent.</summary>
    Task<string> ConnectionStringAsync(string name);
}

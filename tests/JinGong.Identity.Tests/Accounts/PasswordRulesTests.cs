using JinGong.Identity.Accounts;

namespace JinGong.Identity.Tests.Accounts;

/// <summary>What a password must be, and how long wrong ones lock an account: rules without I/O.</summary>
public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("short-pass1", "at least 12")]
    [InlineData("aaaaaaaaaaaaaaaaaaaa", "few different")]
    [InlineData("121212121212", "few different")]
    [InlineData("password1234", "tried first")]
    [InlineData("Qwertyuiop123", "tried first")]
    [InlineData("woaini1314520", "tried first")]
    [InlineData("li.wei-secret-2026", "user name")]
    [InlineData("Baowu-steel-LIWEI-99", "user name")]
    public void a_password_that_is_guessed_at_once_is_refused_saying_why(string password, string because) =>
        PasswordPolicy.Refusal(password, "li.wei", "Li Wei")?.ToString().Should().Contain(because);

    [Fact]
    public void a_password_longer_than_a_hash_should_work_on_is_refused() =>
        PasswordPolicy.Refusal(new string('x', 64) + string.Concat(Enumerable.Range(0, 70).Select(i => (char)('a' + (i % 26)))), "li.wei", "Li Wei")?
            .ToString().Should().Contain("at most 128");

    [Theory]
    [InlineData("granite-excavator-at-dawn")]
    [InlineData("矿卡夜班调度很辛苦2026")]
    [InlineData("correct horse battery staple")]
    public void a_long_password_of_one_s_own_is_taken(string password) =>
        PasswordPolicy.Refusal(password, "li.wei", "Li Wei").Should().BeNull();

    [Fact]
    public void five_wrong_passwords_lock_an_account_for_a_minute_and_each_further_one_doubles_it_up_to_an_hour()
    {
        var now = DateTimeOffset.UnixEpoch;
        Enumerable.Range(0, Lockout.FreeAttempts).Select(failures => Lockout.Until(failures, now)).Should().AllSatisfy(until => until.Should().BeNull());
        new[] { 5, 6, 7, 8, 12, 40 }.Select(failures => Lockout.Until(failures, now)!.Value - now).Should().Equal(
            TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8), TimeSpan.FromHours(1), TimeSpan.FromHours(1));
    }
}

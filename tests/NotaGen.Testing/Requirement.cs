using Xunit;

namespace NotaGen.Testing;

/// <summary>
/// A missing prerequisite skips the test on a user's machine and fails it where the environment variable
/// (<c>NOTAGEN_REQUIRE_TOOLS</c> or <c>NOTAGEN_REQUIRE_SHARED</c>) is 1, as in CI.
/// </summary>
public static class Requirement
{
    public static void Missing(string what, string requireVariable)
    {
        if (Environment.GetEnvironmentVariable(requireVariable) == "1")
            Assert.Fail($"This test {what}, and {requireVariable}=1 makes that an error.");
        throw new SkipException($"Skipped: this test {what}.");
    }
}

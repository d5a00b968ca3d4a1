using NotaGen.Notebooks.Scripting;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Notebooks.Tests.Scripting;

public sealed class CodeAssistanceTests : IDisposable
{
    private readonly TempDirectory dir = new("notagen-assist");
    private readonly CodeAssistance assistance;

    public CodeAssistanceTests() => assistance = new CodeAssistance(new ScriptSession(dir.Path, nugetCacheRoot: dir.File("nuget")));

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Namespaces_complete_in_a_using_directive()
    {
        var code = "using System.Coll";
        var completion = assistance.Complete(code, code.Length);
        Assert.Contains("Collections", completion.Matches);
        Assert.Equal("using System.".Length, completion.CursorStart);

        code = "using System.Collections.";
        Assert.Contains("Immutable", assistance.Complete(code, code.Length).Matches);
        Assert.Contains("Generic", assistance.Complete(code, code.Length).Matches);
    }

    [SkippableFact]
    public void Inspect_shows_the_framework_documentation_under_the_signature()
    {
        Skip.If(XmlDocumentation.FrameworkFiles().Count == 0, "the .NET reference pack's XML documentation is not installed with this SDK");
        var text = assistance.Inspect("Math.Abs(-1)", 6);
        Assert.NotNull(text);
        var (signature, documentation) = (text!.Split("\n\n")[0], text.Split("\n\n").ElementAtOrDefault(1));
        Assert.Contains("Math.Abs", signature);
        Assert.Contains("absolute value", documentation);
    }
}

using Microsoft.AspNetCore.Builder;
using NotaGen.Web.Settings;

namespace NotaGen.Web;

/// <summary>
/// The web page as a program of its own (<c>dotnet run --project src/NotaGen.Web -- --NotaGen:Port=7861</c>); the usual
/// way in is <c>notagen serve</c>. Settings are configuration keys under <c>NotaGen:</c> (<see cref="ServerSettings"/>).
/// </summary>
public sealed class WebProgram
{
    // Not static only so that test hosts can name the program (WebApplicationFactory<WebProgram>).
    private WebProgram()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = ServerSettings.From(builder.Configuration);
        builder.WebHost.UseUrls(settings.Url);
        await NotaGenWebApp.Build(builder).RunAsync();
    }
}

using Microsoft.Playwright;
using Pangy.Testing;

namespace Pangy.Console.Tests;

/// <summary>
/// Where the test run writes its screenshots of the console's views: <c>PANGY_SCREENSHOTS</c>, else
/// <c>artifacts/console-screenshots/</c> of the repository (docs/screenshots.sh copies one into docs/).
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("PANGY_SCREENSHOTS") is { Length: > 0 } d
        ? Path.GetFullPath(d)
        : RepoPaths.Of("artifacts", "console-screenshots");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        // Without the focus ring the keyboard left on a control.
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}

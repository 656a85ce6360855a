namespace Pangy.Infra.Tests;

/// <summary>The templates compile and lint clean with the real compiler, and deploy exactly the committed snapshot.</summary>
public sealed class BicepTemplateTests
{
    [Fact]
    public async Task Main_template_builds_without_a_diagnostic()
    {
        string outDir = Directory.CreateTempSubdirectory("pangy-bicep-build-").FullName;
        try
        {
            var result = await BicepCli.RunAsync("build", InfraFiles.MainTemplate, "--outdir", outDir);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.True(result.Stderr.Trim().Length == 0, "bicep build printed diagnostics:\n" + result);
            Assert.True(File.Exists(Path.Combine(outDir, "main.json")), result.ToString());
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public async Task Every_bicep_file_and_the_example_parameters_lint_clean()
    {
        Assert.True(InfraFiles.BicepSources.Count > 1, "main.bicep is expected to use local modules");
        // One compiler process for every file (the main template, the modules, main.bicepparam).
        var result = await BicepCli.RunAsync("lint", "--pattern", "**/*.bicep*");
        Assert.True(result.ExitCode == 0 && (result.Stdout + result.Stderr).Trim().Length == 0,
            "bicep lint is not clean:\n" + result);
    }

    [Fact]
    public async Task The_linter_configuration_turns_the_rules_that_matter_into_errors()
    {
        // The repository's bicepconfig.json beside a template that breaks two rules: both must fail as errors.
        string dir = Directory.CreateTempSubdirectory("pangy-bicep-lint-").FullName;
        try
        {
            File.Copy(Path.Combine(InfraFiles.BicepFolder, "bicepconfig.json"), Path.Combine(dir, "bicepconfig.json"));
            string template = Path.Combine(dir, "bad.bicep");
            await File.WriteAllTextAsync(template, """
                resource account 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
                  name: 'somename'
                }
                output key string = account.listKeys().keys[0].value
                output portal string = 'https://management.azure.com/'
                """);
            var result = await Command.RunAsync(BicepCli.Path, ["lint", template], dir);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Error outputs-should-not-contain-secrets", result.Stdout + result.Stderr);
            Assert.Contains("Error no-hardcoded-env-urls", result.Stdout + result.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        // A rule that compares API versions with today's date would fail a clean template as time passes.
        string config = await File.ReadAllTextAsync(Path.Combine(InfraFiles.BicepFolder, "bicepconfig.json"));
        Assert.Matches("\"use-recent-api-versions\":\\s*\\{\\s*\"level\":\\s*\"off\"", config);
    }

    [Fact]
    public async Task Templates_deploy_exactly_the_committed_snapshot()
    {
        var result = await Command.RunAsync("bash", [InfraFiles.SnapshotScript, "validate"], InfraFiles.BicepFolder,
            new Dictionary<string, string> { ["BICEP"] = BicepCli.Path }, TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0,
            "what the templates would deploy differs from main.snapshot.json; if the change is deliberate, run " +
            "infra/bicep/snapshot.sh overwrite and commit the diff:\n" + result);
    }
}

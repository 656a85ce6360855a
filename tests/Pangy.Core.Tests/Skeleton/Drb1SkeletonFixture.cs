using Pangy.Core.Bubbles;
using Pangy.Core.Build;
using Pangy.Core.Skeleton;

namespace Pangy.Core.Tests.Skeleton;

/// <summary>DRB1-3123 through the real pipeline — chromosome build, bubble stage, skeleton stage — once per test class.</summary>
public sealed class Drb1SkeletonFixture : IDisposable
{
    private readonly TempDir _tmp = new();

    public Drb1SkeletonFixture()
    {
        Dir = _tmp["DRB1"];
        ChromosomeBuilder.BuildAsync(InputFile.FromPath(TestData.Drb1Gfa), InputFile.FromPath(TestData.Drb1Layout),
            new ChromosomeBuildOptions { Reference = TestData.Drb1Ref }, Dir).GetAwaiter().GetResult();
        BubbleStage.Run(Dir);
        Result = SkeletonStage.Run(Dir, "DRB1", TestData.Drb1Ref);
    }

    public string Dir { get; }
    public SkeletonStageResult Result { get; }
    public string Root => _tmp.Root;

    public string PathOf(params string[] parts) => Path.Combine([Dir, .. parts]);

    public void Dispose() => _tmp.Dispose();
}

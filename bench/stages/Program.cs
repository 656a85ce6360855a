using System.Diagnostics;
using Pangy.Core.Bubbles;
using Pangy.Core.Query;
using Pangy.Core.Skeleton;

// Usage: Pangy.Bench.Stages CHROMOSOME_DIR CHROMOSOME
// The bubble stage, the skeleton stage, then the path block files of region /path-data (PathBlockIndex), on a
// chromosome `pangy add` built.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Pangy.Bench.Stages CHROMOSOME_DIR CHROMOSOME");
    return 2;
}
string dir = args[0];
var clock = Stopwatch.StartNew();
var bubbles = BubbleStage.Run(dir);
Console.WriteLine($"bubbles: {bubbles.Bubbles} ({bubbles.Simple} simple, {bubbles.Super} super, {bubbles.Insertion} insertion), {bubbles.Chains} chains in {bubbles.Elapsed.TotalSeconds:0.0} s");
clock.Restart();
var skeleton = SkeletonStage.Run(dir, args[1]);
Console.WriteLine($"skeleton: {skeleton.Levels} levels, {skeleton.PolychainChains} polychains in {skeleton.Elapsed.TotalSeconds:0.0} s");
clock.Restart();
int files = PathBlockIndex.Build(dir);
Console.WriteLine($"path blocks: {files} files in {clock.Elapsed.TotalSeconds:0.0} s");
return 0;

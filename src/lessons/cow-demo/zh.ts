// cow-demo's words in Chinese.
import { formatCount } from "../../i18n/format.js";
import type { CowDemoWords } from "./en.js";

export const zh: CowDemoWords = {
  title: "写时复制：第一次写大文件到底要付出多少代价",
  noSpace: (size: string, need: string, free: string, parent: string) =>
    `空间不足以运行 --size ${size}：本课约需 ${need}（文件本身、它的 copy-up 副本和两个测试文件），而 ${parent} 只剩 ${free}；请用更小的 --size 或换一个 --dir`,
  big: {
    title: "在 lower 里放一个大文件",
    explain: (size: string) => `镜像里常有大文件：数据库初始数据、模型、日志。在镜像层里放一个 ${size} 的文件，旁边再放两个小文件。`,
    smallContent: "镜像里的一个小文件",
    checkSize: "lower/bigfile.bin 的大小与要求一致",
    key: "镜像层里的大文件只存一份，所有容器共享。",
  },
  mount: {
    title: "挂载 overlay",
    explain: "像容器运行时那样挂载，再看看每一层在磁盘上占了多少空间。",
    checkUpperEmpty: "upper 一开始是空的",
    tmpfs: "你的工作区在 tmpfs 上，它位于内存中：下面测到的是内存速度，不是磁盘速度。",
    cloning: (fs: string) => `upper 位于 ${fs} 上，它支持克隆文件：内核可能通过共享数据块（reflink）完成 copy-up，而不是逐字节复制。`,
    copying: (fs: string) => `upper 位于 ${fs} 上：内核以 1 MiB 为单位逐块复制完成 copy-up，然后对副本执行 fsync。`,
    du: (upper: string) => `du 统计的是每一层在磁盘上占用的块，目录本身的块也算在内：upper 的 ${upper} 就是这个空目录本身。`,
    key: "刚启动的容器不占磁盘空间：它的 upper 层是空的。",
  },
  read: {
    title: "通过 merged 读完整个大文件",
    explain: "md5sum 会通过 merged 读取每一个字节。读取由 lower 直接提供，所以无论文件多大，都不会复制。",
    took: "读取耗时",
    checkUpperEmpty: "读完每一个字节后，upper 仍然是空的",
    key: "读取任意大小的文件，都不会占用容器层的空间。",
  },
  small: {
    title: "一次小的 copy-up",
    explain: "通过 merged 给 small.txt 追加一行。内核先把这个小文件复制上来：代价很小，因为文件小。",
    appended: "容器追加的一行",
    checkInUpper: "upper 里现在有 small.txt",
    checkSize: "upper 里的 small.txt 等于原文件加上新的一行",
    upperNow: "upper 现在占用的磁盘",
    blocks: (total: string, size: string, file: string, dir: string) =>
      `${total}，按整块计算：small.txt 的 ${size} 占 ${file}，upper 目录本身占 ${dir}`,
    key: "copy-up 以文件为单位：动了一个小文件，就只复制这个小文件。",
  },
  bigCopy: {
    title: "大文件的 copy-up",
    explain:
      "通过 merged 给大文件追加一个字节。写入量微不足道，但内核必须先在这次写入的 open() 里把整个文件复制上来。下面的时间是从外部测得的整次写入。",
    took: "写一个字节耗时",
    upperHolds: "upper/bigfile.bin",
    onDisk: "磁盘占用",
    checkApparent: "upper 里是一份完整副本：原大小加一个字节",
    checkDisk: "这份副本在磁盘上确实占了整个文件的大小",
    checkLower: "lower 里的文件没有变",
    cloned: (fs: string) => `几乎瞬间完成，因为 ${fs} 克隆了文件的数据块（reflink）：数据在被修改之前并没有真正复制。`,
    key: "写一个字节，代价是复制整个文件。",
  },
  again: {
    title: "再追加一次",
    explain: (appends: number) =>
      `再做 ${appends} 次同样的单字节写入，每次之前都像第一次那样先 sync。文件已经在 upper 里，没有东西需要复制：这 ${appends} 次的中位数才是写入本身的代价。`,
    took: "同样的写入现在耗时",
    median: (ms: string, appends: number, fastest: string, slowest: string) =>
      `${ms}，${appends} 次的中位数（最快 ${fastest}，最慢 ${slowest}）`,
    copyUpCost: "所以 copy-up 的代价是",
    throughput: "按这个代价算，copy-up 吞吐量",
    faster: "比第一次写入快",
    fileGrew: "文件增大了",
    upperGrew: "upper 占用的磁盘增加了",
    noGrowth: (zero: string) => `${zero}（新字节放进了文件最后一个块里）`,
    checkNoSecondCopy: (size: string) => `没有第二份副本：upper 占用的磁盘增加不到 1 MiB，而不是再多一个 ${size}`,
    checkCheaper: "copy-up 之后的写入比第一次快",
    checkSize: (appends: number) => `文件长了 ${appends} 个字节：每次写入一个`,
    key: "每个容器的每个文件只 copy-up 一次；之后的写入直接落在 upper。",
  },
  disk: {
    title: "磁盘空间的代价",
    explain: "把各层加起来。每个修改了这个大文件的容器，都会在自己的 upper 里得到一份完整副本。",
    total: "合计",
    shadowed: "lower 中被 upper 遮住的部分",
    projected: (containers: number) => `${formatCount(containers)} 个容器各改一次`,
    checkShadowed: "lower 里的那份现在被遮住了：merged 只显示 upper 里的",
    checkTwice: "这个文件现在占了两倍的磁盘空间",
    volumes:
      "所以日志、数据库等会变化的大文件应该放在卷（volume）里（docker run -v、podman run -v）：卷是 overlay 之外的普通目录，没有 copy-up，也没有第二份副本。",
    key: "会变化的大文件应放在卷里，而不是镜像里。",
  },
  versus: {
    title: "直接写入与 overlay 写入的对比",
    explain: (trials: number) =>
      `通过 overlay 写一个新文件，会比直接写到同一块磁盘上慢吗？两种方式交替各运行 ${trials} 次，每次都 fsync，让页缓存无法掩盖真实的磁盘写入。`,
    checkWritten: "写入得到了完整大小的文件",
    checkTrials: "每一轮都运行了",
    direct: "直接写入",
    overlay: "overlay 写入",
    median: "中位数",
    noDifference: (trials: number) => `两者的范围有重叠：各 ${trials} 次运行下，直接写新文件与通过 overlay 写新文件没有可测量的差别。`,
    overlaySlower: (ratio: string) => `overlay 写入比直接写入慢 ${ratio} 倍（中位数之比，两者范围不重叠）。`,
    overlayFaster: (ratio: string) =>
      `overlay 写入比直接写入快 ${ratio} 倍（中位数之比，两者范围不重叠）：这是这块磁盘上的噪声，不是 overlayfs 的特性，因为新文件本来就直接写进 upper。`,
    key: "通过 overlay 写新文件没有额外代价：只有修改镜像里已有的文件时，写时复制才有代价。",
  },
  takeaways: {
    title: "要点（都是本次运行测得的数字）：",
    read: "读取——哪怕读完大文件的每一个字节——不复制任何东西；",
    copyUp: (size: string, ms: string, cost: string) => `第一次写这个 ${size} 的文件耗时 ${ms}，其中 copy-up 占 ${cost}；`,
    once: (ms: string, appends: number) => `之后同样的写入只需 ${ms}（${appends} 次的中位数）：每个文件只 copy-up 一次；`,
    space: (containers: number, total: string) => `${formatCount(containers)} 个各自修改它的容器，将占用 ${total} 磁盘空间；`,
    volumes: "会变化的大文件放进卷，不要放进镜像层。",
  },
  practice: {
    bigCopy: {
      task: "让容器通过 merged/ 在大文件末尾写入一个字节，并自己计时。",
      hint: "time dd if=/dev/zero of=merged/bigfile.bin bs=1 count=1 oflag=append conv=notrunc（或者：time sh -c 'printf x >> merged/bigfile.bin'）",
      done: "一次微小的写入，让内核把整个文件复制到了 upper/：你测到的就是这段时间。",
    },
    timedByYou: "copy-up 的时间是你自己测的：把你测得的数字和这里显示的时间比一比。",
    why: {
      lowerWritten:
        "你写入的是 lower/bigfile.bin，也就是镜像层本身：没有发生任何复制，而且 lower/ 也不再是镜像发布时的样子了。容器要通过 merged/ 写入。",
      otherFile: (paths: string) => `你改动的是 ${paths}，而不是 bigfile.bin：要计时的是这个大文件的 copy-up。`,
      truncated: (held: string, size: string) =>
        `upper/bigfile.bin 里只有 ${held}：> 覆盖了文件原来的内容，所以内核没有那 ${size} 需要复制。>> 是追加，这时内核会先把整个文件复制上来。`,
    },
    checkWhole: "upper 里有 bigfile.bin 的完整副本：至少是原来的大小",
    appendNext: "往 merged/bigfile.bin 末尾追加一个字节并计时：time sh -c 'printf x >> merged/bigfile.bin'",
  },
};

// container-demo's words in Chinese.
import { formatCount } from "../../i18n/format.js";
import type { ContainerDemoWords } from "./en.js";

export const zh: ContainerDemoWords = {
  title: "真实的容器：它的层、它的写入和它的 whiteout（docker 或 podman）",
  refuse: {
    notRoot: (sudo: string) => `container-demo 要读取容器运行时自己的层，只有 root 才能读：请以 root 运行（${sudo}）`,
    runtimeValue: (value: string) => `--runtime ${value}：请选择 docker 或 podman`,
    imageValue: (value: string) => `--image ${JSON.stringify(value)}：不是镜像名（例如 alpine、nginx:alpine 或 ghcr.io/team/app:1.2）`,
    notOverlay: (runtime: string, driver: string) =>
      `${runtime} 用 ${driver || "未知"} 存储驱动保存容器，而不是 overlay：本课读取的是 overlay 层（请换一个 --runtime）`,
    image: (image: string, runtime: string, detail: string, local: string) =>
      `--image ${image}：${runtime} 找不到也拉取不到它（${detail}）。本机已有的镜像：${local}。请用 --image IMAGE 选择一个`,
    noLocal: "无",
    listSeparator: "、",
    noFiles: (image: string) => `--image ${image}：这个镜像在 /bin 和 /lib 之外没有可供本课修改和删除的普通文件：请换一个 --image`,
  },
  using: (runtime: string, image: string) => `运行时：${runtime} · 镜像：${image}`,
  fallback: (runtime: string, other: string) => `${other} 在这里没有响应，所以本课使用 ${runtime}。`,
  pulling: (image: string, runtime: string) => `本机还没有 ${image}：由 ${runtime} 拉取……`,
  layerName: (number: number, total: number) =>
    `第 ${number} 层（共 ${total} 层${total > 1 && number === total ? "，顶层" : total > 1 && number === 1 ? "，基础层" : ""}）`,
  start: {
    title: "启动一个容器",
    explain:
      "课程的实验从 `docker run -d` 开始。本课也一样，只是用了自己的容器名，并打上标签，写明是哪个进程启动了它，这样它启动的东西都不会比它活得更久：如果本进程死掉，`overlay-lesson cleanup` 会凭标签找到这个容器并删除它。容器本身只是在 sleep；本课对它做的一切都通过 `exec` 完成。",
    checkRunning: "容器正在运行",
    checkLabels: "它带着本课的标签：是本进程启动的",
    key: "容器就是一个进程加一个根文件系统：运行时把这个文件系统做成一个 overlay 挂载。",
  },
  graph: {
    title: "GraphDriver：容器的文件放在哪里，以及内核里的同一个挂载",
    explain:
      "运行时把容器的层报告为 GraphDriver：LowerDir（镜像的各层，顶层在前）、UpperDir（容器自己的可写层）、WorkDir，以及 MergedDir（容器看到的根文件系统）。这些不是运行时讲的故事，而是一个真实 overlay 挂载的选项，内核在 mountinfo 里列出了它。",
    links: "内核用短链接（l/…）列出下层：挂载选项必须放得进一页内存，64 个字符的层 ID 很快就会超出。每个链接都指向某一层的 diff 目录：",
    otherNamespace: (pid: number) => `这个挂载不在本进程的挂载命名空间里：它是在进程 ${pid} 的命名空间里找到的。`,
    checkFound: "内核里有一个 overlay 挂载，其 upperdir 就是容器的 UpperDir",
    checkLower: "解析链接后，它的 lowerdir 就是 GraphDriver 的 LowerDir，顺序也相同",
    checkUpper: "它的 upperdir 就是 GraphDriver 的 UpperDir",
    checkWork: "它的 workdir 就是 GraphDriver 的 WorkDir",
    checkMerged: "它挂载在 GraphDriver 的 MergedDir 上",
    key: "GraphDriver 就是 overlay 挂载：lowerdir = 镜像的各层，upperdir = 容器的层。",
  },
  layers: {
    title: "镜像的各层",
    explain:
      "每个下层都是镜像的一层，解压到自己专属的目录里，由这个镜像的所有容器只读共享。它们就是 mount-demo 里的 lower/，由 layers-demo 那样的构建产生：每条改动了文件的指令一层。",
    extra: (count: number) =>
      `运行时在镜像的层之上又加了自己的 ${count} 层（docker 的 -init 层：/etc/hosts、/etc/resolv.conf、/.dockerenv）。`,
    historySize: (runtime: string) =>
      `${runtime} history 的 SIZE 是运行时自己统计的每一层大小，单位是十进制（1 MB = 1,000,000 B；podman 统计的是这一层的 tar，每个条目 512 字节的头部也算在内）。下面本课统计的是这一层普通文件的字节数，单位是二进制（1 MiB = 1,048,576 B）：数字不同，层是同一层。`,
    order: "各层按构建顺序排列，和 Dockerfile 的读法一样：第 1 层是基础层，最后一层是顶层（在 lowerdir 里排在最左边）。",
    files: (bytes: string, files: number) => `${formatCount(files)} 个文件，共 ${bytes}`,
    plan: "本课将修改和删除镜像里的这两个文件：",
    change: "要修改的",
    remove: "要删除的",
    planned: (path: string, size: string, layer: string) => `${path}：${size}，在${layer}`,
    checkImage: "容器的下层就是镜像的各层，顶层在前",
    checkMerged: "容器看到的每个文件都是最上面那一层的副本，大小逐字节一致",
    key: "同一镜像的所有容器共享它的层：这些层从不被写入，所以磁盘上的一份副本就够所有容器用。",
  },
  write: {
    title: "exec：一个新文件，以及对镜像文件的修改",
    explain:
      "在容器里写一个新文件，再往一个来自镜像的文件末尾追加一行。两次写入都落在唯一的可写层 UpperDir 里。镜像文件会先被整个复制到 UpperDir（copy-up），修改作用在这份副本上；镜像的层从不被改动。",
    checkNew: "新文件在 UpperDir 里，不在任何镜像层里",
    checkCopyUp: "UpperDir 里有修改后的文件：镜像里的那份加上新的一行（copy-up）",
    checkUntouched: "镜像层里的那份没有变：大小相同，md5 相同",
    key: "写入都进 UpperDir；修改镜像文件之前，先把整个文件 copy-up 上来。",
  },
  delete: {
    title: "exec rm：一个 whiteout，空间没有释放",
    explain:
      "删除一个来自镜像的文件。镜像的层是只读的，所以内核在 UpperDir 里用 whiteout 记录这次删除：一个与文件同名的 0:0 字符设备。容器再也看不到这个文件，但它的字节仍在镜像层里：在容器里删除文件，什么也没有释放。",
    checkGone: "容器已经看不到这个文件",
    checkWhiteout: "UpperDir 里有它的 whiteout：0:0 字符设备",
    checkLayerKeeps: "镜像层里仍然保存着这个文件，一个字节也不少",
    checkDu: "镜像层的 du 与 rm 之前相同",
    checkHidden: "容器的 whiteout 遮住的正是被删文件的字节",
    duBefore: "rm 之前的 du -sb",
    duAfter: "rm 之后的 du -sb",
    duOf: (bytes: string, layer: string) => `${layer}：${bytes}`,
    whiteoutHides: "whiteout 遮住的",
    whiteoutHidesWhat: (size: string, path: string, layer: string) => `${size}：${layer}里的 ${path}`,
    containerHides: "目前容器遮住的",
    hidesParts: (whiteout: string, copyUps: string) => `whiteout 下的 ${whiteout} + copy-up 下的 ${copyUps}`,
    key: "在容器里 rm 只会多出一个 whiteout；字节仍留在镜像层里。",
  },
  usage: {
    title: "磁盘用到哪里去了：UpperDir 的 du，以及 inspect 的视角",
    explain:
      "在磁盘快满的主机上，要问的是：哪个容器写了什么，它的镜像又带着哪些谁也看不到的东西。UpperDir 的 du 就是容器写入的量；`diff` 列出它的改动；层栈读取器把每一层加总，并算出每层遮住的字节。",
    upper: "容器的 UpperDir",
    runtimeLayer: "运行时自己的层（-init）",
    imageHidden: "被镜像自己遮住的（它后面的层）",
    containerHidden: "被容器遮住的（它的 copy-up 和 whiteout）",
    psSize: (runtime: string, files: string, links: string, sum: string) =>
      `${runtime} ps --size 统计的是 UpperDir 里文件和链接的字节，不算目录，单位是十进制（1 kB = 1,000 B）：${files} + ${links} = ${sum}。其中的 virtual 还加上了镜像的各层，按运行时自己的方式统计。`,
    whoHid: "逐个文件看，谁遮住了什么：",
    item: (path: string, size: string, layer: string, how: string) => `${path} — ${size}，在${layer}，${how}`,
    byImage: {
      whiteout: (layer: string) => `被镜像自己删除：后面的构建步骤（RUN rm）在${layer}里留下了 whiteout`,
      opaque: (layer: string) => `被镜像自己遮住：后面的构建步骤（RUN rm -r）在${layer}里留下了不透明目录`,
      "newer-copy": (layer: string) => `被镜像自己替换：后面的构建步骤在${layer}里写了更新的副本`,
    },
    byContainer: {
      whiteout: "被容器删除：它的 UpperDir 里的 whiteout",
      opaque: "被容器遮住：它的 UpperDir 里的不透明目录",
      "newer-copy": "被容器替换：它在 UpperDir 里的 copy-up",
    },
    inspect: (command: string) => `\`${command}\` 能对主机上任何一个容器显示这些，\`overlay-lesson inspect\` 则一次显示所有 overlay。`,
    checkDiff: "运行时的 diff 列出了新文件（A）、修改的文件（C）和删除的文件（D）",
    checkUpper: "UpperDir 里恰好是新文件和 copy-up 的文件",
    checkHidden: "容器遮住的恰好是镜像里被修改和被删除的那两个文件的副本",
    checkAddsUp: "merged 显示的量对得上：各层之和，加上 UpperDir，减去被遮住的字节",
    key: "容器占用的磁盘就是它的 UpperDir；镜像的浪费是它被遮住的字节。du、diff 和 inspect 都能看到。",
  },
  remove: {
    title: "删除容器：它的层和挂载随之消失",
    explain: "删除容器会卸载它的 overlay，并删除它的 UpperDir：新文件、copy-up 的副本和 whiteout 都没了。镜像的各层还在，留给下一个容器。",
    kept: "已保留（--keep）：容器仍在运行。查看它，然后删除它：",
    checkGone: "运行时已经不认识这个容器",
    checkUnmounted: "内核的 mountinfo 里已经没有它的 overlay",
    checkUpperGone: "它的 UpperDir 已被删除",
    checkImageStays: "镜像层里仍保存着容器删除的那个文件",
    checkKept: "容器仍在运行，它的 overlay 仍然挂载着",
    key: "容器的写入只与容器同生共死：数据请放在卷（volume）里，不要放在 UpperDir 里。",
  },
  practice: {
    writeTask: (name: string, create: string, change: string) =>
      `在容器 ${name} 里新建文件 ${create}，再往镜像文件 ${change} 末尾追加一行。然后在 UpperDir 里找到它们。`,
    writeHint: (runtime: string) => `${runtime} exec NAME sh -c 'echo … > 新文件'，然后 sh -c 'echo … >> 镜像文件'；ls -l UPPERDIR`,
    writeDone: "你通过容器的 overlay 写入了：UpperDir 里多了一个新文件和一份 copy-up。",
    deleteTask: (name: string, remove: string) => `在容器 ${name} 里删除镜像文件 ${remove}，然后看看 UpperDir 里为它留下了什么。`,
    deleteHint: (runtime: string) => `${runtime} exec NAME rm 文件，然后 stat -c '%F %t:%T' UPPERDIR/文件`,
    deleteDone: "你删除了一个镜像文件：UpperDir 里多了一个 whiteout，字节仍在镜像层里。",
    why: {
      otherNew: (paths: string, wanted: string) =>
        `你新建的是 ${paths}；本课跟踪的新文件是 ${wanted}（后面的步骤要测量它）：请新建这个文件。`,
      missingNew: (wanted: string) => `UpperDir 里没有 ${wanted}：新文件没有在容器里建出来。`,
      otherChanged: (paths: string, wanted: string) => `你修改的是 ${paths}；本课跟踪的镜像文件是 ${wanted}：请往它末尾追加一行。`,
      missingChange: (wanted: string) => `UpperDir 里没有 ${wanted} 的副本：这个镜像文件没有在容器里被修改。`,
      replaced: (path: string) =>
        `UpperDir 里的 ${path} 比镜像里的副本还小：> 覆盖了原来的内容，而 >> 才是在镜像的字节后面追加。copy-up 已经发生过了，在这个容器里不会再发生。`,
      notAppended: (path: string) => `UpperDir 里的 ${path} 是复制上来的镜像副本，但没有追加任何内容。`,
      layerTouched: (path: string) =>
        `镜像层自己的 ${path} 被改动了：它是在宿主机上直接写进镜像层的，现在这个镜像的所有容器都会看到这个改动。容器只能通过它的 overlay（exec）写入。`,
      otherRemoved: (paths: string, wanted: string) => `你删除的是 ${paths}；本课跟踪的镜像文件是 ${wanted}：请删除这个文件。`,
      removedOwn: (paths: string) => `你删除的 ${paths} 只存在于 UpperDir 里（是容器自己创建的）：内核直接把它删掉了，不需要 whiteout。`,
      stillThere: (wanted: string) => `容器里仍然能看到 ${wanted}。`,
    },
    writeNext: (runtime: string, name: string, create: string, change: string) =>
      `在容器里执行：${runtime} exec ${name} sh -c 'echo … > ${create}; echo … >> ${change}'`,
    deleteNext: (runtime: string, name: string, remove: string) => `在容器里执行：${runtime} exec ${name} rm ${remove}`,
  },
};

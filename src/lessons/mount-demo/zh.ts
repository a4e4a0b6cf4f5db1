// mount-demo's words in Chinese.
import type { MountDemoWords } from "./en.js";

export const zh: MountDemoWords = {
  files: {
    appConfShipped: "app.conf：随镜像发布",
    appConfChanged: "app.conf：在容器里改过",
    mainPy: "来自镜像层的问候",
    imageLog: "构建方式：docker build",
    containerData: "容器运行时写入的数据",
  },
  title: "OverlayFS：镜像层如何变成容器的文件系统",
  layers: {
    title: "创建四个目录",
    explain: "一次 overlay 挂载需要四个目录。Docker 和 Podman 为每个容器创建的正是这四个；这里由你亲手创建。",
    lower: "镜像层：只读，同一镜像的所有容器共用",
    upper: "容器层：这个容器的一切改动都落在这里",
    work: "内核做原子 copy-up 的工作目录；必须为空，且与 upper 在同一文件系统",
    merged: "容器看到的视图：upper 叠在 lower 之上；容器只看得到它",
    checkExist: "四个目录都已存在且为空",
    checkSameFs: "upper 和 work 在同一个文件系统上",
    key: "lower 是镜像，upper 是容器，merged 是容器看到的样子。",
  },
  fill: {
    title: "像镜像层一样填充 lower",
    explain: "镜像层其实就是一个装着文件的目录。像 Dockerfile 里的 COPY 那样，往 lower/ 放一个配置文件、一个程序和一份日志。",
    checkFiles: "lower 里有镜像的三个文件",
    key: "镜像层就是普通目录；容器永远不会改动它。",
  },
  mount: {
    title: "挂载 overlay",
    explain:
      "一条 mount 命令把各层合在一起：lowerdir 只读，upperdir 接收写入，workdir 是内核的工作目录。容器运行时启动容器时做的就是这次挂载。",
    checkType: "内核报告 merged 上挂着 overlay",
    checkLower: "它的 lowerdir 是我们的 lower/",
    checkUpper: "它的 upperdir 是我们的 upper/",
    checkWork: "它的 workdir 是我们的 work/",
    checkMerged: "merged 里恰好是 lower 的文件",
    key: "merged 是实时的视图：生成它没有复制任何东西。",
    rootlessUserxattr:
      "rootless 模式下，findmnt 的选项里有 userxattr：overlayfs 把它的标记记作 user.overlay.* xattr，因为没有 root 权限的用户命名空间只能写 user.* 这一类。",
    rootlessRedirect:
      "选项里还有谁都没要求的 redirect_dir=nofollow：user.* xattr 是用户自己就能伪造的，所以内核不跟随目录改名留下的 redirect 标记（overlay.redirect），也不创建它；通过 merged 给 lower 里的目录改名时，rename 会以 EXDEV 失败，mv 会改为复制。",
  },
  read: {
    title: "通过 merged 读取",
    explain: "容器读取镜像里的文件。内核直接从 lower 提供内容：什么也不复制。",
    checkContent: "merged 显示的是 lower 的内容",
    checkUpperEmpty: "upper 仍然是空的：读取不会复制任何东西",
    key: "读取是零成本的：一百个容器读同一个镜像层，也不会多复制一个字节。",
  },
  write: {
    title: "通过 merged 写入：copy-up",
    explain: "现在容器修改了它的配置。lower 不能变，所以第一次写入时，内核先把文件复制到 upper（copy-up），写入落在副本上。",
    checkLower: "lower 里的 app.conf 没有变",
    checkUpper: "upper 里出现了 app.conf，内容是新的",
    checkMerged: "merged 显示新内容",
    parentCopied: "upper/etc/ 也出现了：为了放下副本，内核先把它的父目录复制了上来。",
    key: "第一次写入会把整个文件复制上来；lower 始终不被触碰。",
  },
  create: {
    title: "通过 merged 新建文件",
    explain: "镜像里原本没有的文件直接写进 upper：没有东西需要复制。",
    checkUpper: "container-data.txt 在 upper 里",
    checkLower: "container-data.txt 不在 lower 里",
    checkMerged: "merged 里能看到 container-data.txt",
    key: "新文件只存在于容器层；容器删除时它们也随之消失。",
  },
  delete: {
    title: "通过 merged 删除：whiteout",
    explain: "容器删除了镜像里的一个文件。lower 不能改，于是内核把它“遮住”：在 upper 里放一个 whiteout，也就是设备号为 0:0 的字符设备。",
    checkMerged: "merged 里不再有 image-log.txt",
    checkLower: "lower 里仍然有 image-log.txt",
    checkStat: "stat 显示 upper/image-log.txt 是 0:0 字符设备",
    checkWhiteout: "内核意义上的 whiteout：字符设备，rdev 为 0",
    key: "从镜像层删除文件并不释放空间：只是多了一个遮住它的 whiteout。",
  },
  summary: {
    title: "现在每一层里有什么",
    explain: "把各层并排看：容器做的一切都在 upper 里；lower 和镜像发布时一模一样。",
    checkLowerIntact: "lower 和镜像发布时一模一样",
    checkUpperChanges: "upper 里恰好是容器做的改动",
    takeaways: "要点：",
    t1: "lower 永不改变：镜像以只读方式被所有容器共享。",
    t2: "读取不复制：merged 直接提供 lower 里的文件。",
    t3: "第一次写入会把整个文件复制到 upper（copy-up）。",
    t4: "删除会在 upper 里留下 whiteout，即 0:0 字符设备。",
    t5: "merged 是 upper 叠在 lower 之上：同一路径两层都有时，upper 优先。",
    key: "docker diff 和 podman diff 给你看的正是这些：upper 里的内容。",
  },
  practice: {
    mount: {
      task: "自己挂载 overlay：lower/ 作为只读层，upper/ 存放改动，work/ 作为内核的工作目录，挂载到 merged/ 上。",
      hint: "mount -t overlay overlay -o lowerdir=…,upperdir=…,workdir=… <挂载点>（可以用相对路径：shell 启动时就在工作区里）",
      hintRootless:
        "mount -t overlay overlay -o lowerdir=…,upperdir=…,workdir=…,userxattr <挂载点>（rootless 模式下 overlay 把它的标记存在 user.* xattr 里；可以用相对路径）",
      done: "你亲手做的，正是容器运行时启动容器时做的那次挂载。",
    },
    copyUp: {
      task: "通过 merged/ 修改镜像里的一个文件：lower 里的任意文件、任意新内容都可以。",
      hint: "echo … >> merged/<lower 里的某个文件>，然后用 cat 或 ls -l 对比 lower/ 和 upper/",
      done: "内核在你写入之前先把整个文件复制到了 upper/（copy-up），而 lower/ 始终没有变。",
    },
    newFile: {
      task: "通过 merged/ 新建一个镜像里原本没有的文件。",
      hint: "echo … > merged/<新文件名>",
      done: "新文件直接写进 upper/：没有东西需要复制。",
    },
    whiteout: {
      task: "通过 merged/ 删除镜像里的一个文件。",
      hint: "rm merged/<lower 里的某个文件>，然后用 ls -l 或 stat 查看 upper/",
      done: "内核在 upper/ 里留下了一个 whiteout，即 0:0 字符设备，而 lower/ 里仍然有这个文件。",
    },
    checkCopied: "lower 里的某个文件现在在 upper 里有了自己的副本",
    checkCopyDiffers: "merged 显示的是 upper 里的副本，内容与 lower 里的不同",
    checkNew: "lower 里原本没有的文件出现在 upper 里，并且在 merged 里能看到",
    checkDeleted: "lower 里的某个文件被 upper 里的 whiteout 遮住：merged 里没有了，lower 里仍然在",
    checkUserxattr: "rootless 模式下，挂载把 overlay 的标记存在 user.* xattr 里（-o userxattr）",
    checkLowerKept: (paths: string, _count: number) => `lower 里的 ${paths} 没有变`,
    checkLowerAll: "lower 里的文件和镜像发布时一样",
    checkStillInLower: (paths: string) => `lower 里仍然有 ${paths}`,
    why: {
      lowerChanged: (paths: string) =>
        `你直接改动了 lower/ 本身（${paths}）：那是镜像层，容器从不往里写。容器的写入要经过 merged/，由内核先把文件复制到 upper/（copy-up）。`,
      outside: (paths: string) => `你改动的是 ${paths}，在 overlay 的这几个目录之外：容器的文件在 merged/ 下面。`,
      newInsteadOfCopy: (paths: string) =>
        `你新建了 ${paths}：lower 里原本没有它，所以它直接写进了 upper/（那是下一步的内容）。copy-up 发生在你修改来自 lower 的文件时。`,
      deletedInsteadOfCopy: (paths: string) =>
        `你通过 merged/ 删除了 ${paths}：这会在 upper/ 里留下 whiteout（下下一步的内容），而不是 copy-up。`,
      dirMade: (paths: string) => `你创建的是目录 ${paths}：这个任务要的是文件。`,
      sameContent: (paths: string) =>
        `upper/ 里有 ${paths} 的副本，但内容和 lower 里的一样：touch 和 chmod 也会触发 copy-up，但任务是修改文件的内容。`,
      copyInsteadOfNew: (paths: string) => `你修改的 ${paths} 来自 lower：那是 copy-up（上一步的内容）。新文件是 lower 里原本没有的文件。`,
      deletedInsteadOfNew: (paths: string) => `你通过 merged/ 删除了 ${paths}：这会留下 whiteout（下一步的内容），而不是新文件。`,
      removedUpperOnly: (paths: string) =>
        `你删除的 ${paths} 只存在于 upper/ 里（是容器自己创建的）：内核直接把它删掉了。只有要遮住来自 lower 的文件时，才需要 whiteout。`,
      removedUpperCopy: (paths: string) =>
        `你绕过 overlay，直接在 upper/ 里删除了 ${paths}（内核文档说，这之后 merged/ 显示什么是未定义的）：没有产生 whiteout。`,
      writtenInsteadOfDelete: (paths: string) => `你写入了 ${paths}：whiteout 是通过 merged/ 删除文件时留下的。`,
      noMountCommand: "你运行的命令里没有 mount：这个任务是一条 mount -t overlay 命令。",
      notMounted: "merged/ 上没有挂载 overlay：如果 mount 报了错，错误信息就在上面你的 shell 里。",
      mountedElsewhere: (points: string) => `你的 overlay 挂载在 ${points} 上，而不是 merged/ 上。`,
      swapped: "lowerdir 写的是 upper/，upperdir 写的是 lower/：两者写反了。lower/ 是只读的镜像，upper/ 接收容器的改动。",
      wrongLayer: (option: string, given: string, wanted: string) => `${option} 写的是 ${given}；任务要求的是 ${wanted}。`,
      noUserxattr: "rootless 模式下挂载需要 userxattr：没有它，内核无法在这里保存 whiteout 和不透明目录，删除来自 lower 的目录时会报 EIO。",
    },
    next: {
      copy: (file: string, files: string) => `通过 merged/ 给来自 lower 的文件追加一行：echo … >> merged/${file}（lower 里有 ${files}）`,
      sameContent: (file: string) => `修改它的内容：echo … >> merged/${file}`,
      newFile: "通过 merged/ 新建一个 lower 里没有的文件：echo … > merged/<新文件名>",
      whiteout: (file: string, files: string) => `通过 merged/ 删除来自 lower 的文件：rm merged/${file}（lower 里有 ${files}）`,
      unmountElsewhere: (point: string) => `先 umount ${point}，再把 overlay 挂载到 merged 上`,
      remount: "先 umount merged，再把每个目录放到正确的位置重新挂载",
      remountUserxattr: "先 umount merged，再加上 …,userxattr 重新挂载",
    },
  },
};

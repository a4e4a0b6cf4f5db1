// layers-demo's words in Chinese.
import type { LayersDemoWords } from "./en.js";

export const zh: LayersDemoWords = {
  title: "镜像分层：docker build 如何一层层叠加，以及为什么后面的 RUN rm 不会让镜像变小",
  files: {
    osRelease: "基础镜像的发行版信息文件",
    appV1: "app v1：来自基础镜像",
    appV2: "app v2：由 COPY 复制进来",
    config: "应用的配置：由 COPY 复制进来",
    pkgList: "基础镜像的软件包缓存",
  },
  dockerfile: "本课构建的 Dockerfile，每条指令一层：",
  from: {
    title: "FROM：基础层",
    explain:
      "构建从基础镜像开始。它的层以 tar 包的形式到来，解压到一个专属目录 diff/ 里；docker 的 overlay2 和 podman 的 containers-storage 保存每一层的方式正是如此。这一层不需要挂载：它就是一堆文件。",
    checkFiles: "基础层里有基础镜像的文件",
    checkBig: "lib/libbig.so 已存在，大小与要求一致",
    key: "一层就是一个普通目录。之后每条指令都会再加一层。",
  },
  copy: {
    title: "COPY：在上面叠一层新层",
    explain:
      "每条指令都在一个新的 overlay 里运行：已有的各层作为 lowerdir，一个空目录作为 upperdir，指令通过 merged 做的任何改动都落在 upper 里。指令结束后构建器卸载挂载，这个 upper 就成了新的一层。COPY 放入构建上下文里的文件；其中的 bin/app 替换了基础层的同名文件。",
    checkLayer: "新层里恰好是 COPY 写入的内容",
    checkBaseUnchanged: "基础层里的 bin/app 没有变",
    checkUnmounted: "构建用的挂载已经卸载：这一层已经完成，从此只读",
    key: "一层只包含它的指令改动过的东西：被替换的文件是一份完整的新副本。",
  },
  run: {
    title: "RUN rm：在后面的层里删除",
    explain:
      "这条 RUN 删除了大库文件，并清空了缓存目录。下面的层是只读的，所以内核只能在新层里记录这些删除：对文件放一个 whiteout；对删除后又重新创建的目录，放一个遮住下面所有内容的不透明目录（opaque）。",
    checkGone: "merged 里不再有 lib/libbig.so，也没有缓存里的文件",
    checkWhiteout: "这一层里有 lib/libbig.so 的 whiteout：0:0 字符设备",
    checkOpaque: (name: string) => `这一层的 var/cache/app 带有 ${name}=y：不透明目录`,
    checkStillThere: "基础层里仍有 lib/libbig.so 和缓存：没有释放任何空间",
    ownReading: "本机没有安装 getfattr（apt install attr）：由课程自己读取 xattr：",
    key: "在后面的层里删除，只会多出一个 whiteout 或不透明目录。数据仍留在下面的层里。",
  },
  container: {
    title: "运行容器：所有层，从顶层开始",
    explain:
      "容器把镜像的所有层作为 lowerdir 挂载，最新的在最左边，再加上它自己的一个空 upper。对每个路径，内核显示拥有它的最左边那一层：whiteout 遮住这个名字，不透明目录遮住它下面的一切。",
    checkOrder: "内核的 lowerdir 从顶层开始列出各层：3-run、2-copy、1-from",
    checkLeftmost: "merged 里的 bin/app 是 2-copy 的那份：上层优先",
    checkDeleted: "容器里已经没有 lib/libbig.so",
    checkOpaque: "容器里的 var/cache/app 是空的，尽管 1-from 在那里还有文件",
    checkTopmost: "merged 里的每个文件都是最上层的那份",
    key: "lowerdir=顶层:…:底层，拥有某个名字的最左边一层决定容器看到什么。",
  },
  hidden: {
    title: "量一量镜像的膨胀",
    explain:
      "分别加总镜像各层保存的内容和容器能看到的内容。差值就是被隐藏的字节：被上层的 whiteout、不透明目录或更新的副本遮住的文件。谁也读不到它们，但每次 pull 都要下载，每台主机都要存储。",
    layersHold: "镜像各层合计",
    mergedShows: "容器能看到的",
    hiddenTotal: "被隐藏、却仍要分发和存储的",
    item: (path: string, size: string, layer: string, how: string) => `${path} — ${layer} 中 ${size}，${how}`,
    how: {
      whiteout: (layer: string) => `被 ${layer} 中的 whiteout 删除`,
      opaque: (layer: string, path: string) => `被 ${layer} 中的不透明目录 ${path} 遮住`,
      "newer-copy": (layer: string) => `被 ${layer} 中更新的副本替换`,
    },
    checkDifference: "各层合计减去容器可见的，恰好等于被隐藏的字节数",
    checkCauses: "被隐藏的文件是删掉的库、缓存里的文件和被替换的 bin/app",
    key: "在后面的层里 RUN rm 只会让镜像变大，不会变小：被删除的字节仍留在下面。",
  },
  single: {
    title: "用一层得到同样的结果",
    explain:
      "现在用一条 RUN 构建同样的镜像：它创建所有东西，并在这一层完成前删掉不需要的部分。在同一层里创建又删除的文件根本不会进入这一层：下面没有东西需要遮住，所以也不会有 whiteout 和不透明目录。",
    multi: "三层",
    one: "一层",
    saved: "减少了",
    checkSame: "一层镜像显示的文件与三层镜像的容器相同",
    checkNoWhiteouts: "这一层里没有 whiteout，也没有不透明目录",
    checkSmaller: "一层镜像恰好小了被隐藏的那些字节",
    fix: "在 Dockerfile 里：在同一条 RUN 里创建并删除（`RUN curl … && make && rm -rf /tmp/src`），或者在一个阶段里构建，再用 COPY --from 只取出要发布的东西（多阶段构建）。",
    key: "只有指令结束时层里还留着的东西才会被发布：请在同一条 RUN 里清理。",
  },
  practice: {
    runRm: {
      task: "这条 RUN 由你来执行：通过 layers/3-run/merged 删除 lib/libbig.so，并通过删除目录再重新创建的方式清空 var/cache/app。",
      hint: "用 rm layers/3-run/merged/… 删除文件；用 rm -rf layers/3-run/merged/… 删除目录，再用 mkdir layers/3-run/merged/… 重新创建",
      done: "新层里有这个文件的 whiteout，以及一个遮住基础层缓存的不透明目录。",
    },
    why: {
      belowChanged: (paths: string) =>
        `你改动了 ${paths}，它在下面已经完成的层里：RUN 从不改动这些层。它的改动通过 layers/3-run/merged 落在它自己的层 3-run 里。`,
      outside: (paths: string) => `你改动的 ${paths} 在这条 RUN 的 overlay 之外：它的改动要通过 layers/3-run/merged 进行。`,
      libStill: "layers/3-run/merged 里仍然有 lib/libbig.so。",
      cacheGone:
        "var/cache/app 整个不见了：3-run 里是这个目录的 whiteout。把它重新创建出来（mkdir），内核就会把这个新的空目录标记为不透明目录。",
      fileByFile:
        "你是逐个文件清空 var/cache/app 的：每个文件都在 3-run 里有了自己的 whiteout，而这个目录并不是不透明目录。请删除目录本身再重新创建：内核会把新目录标记为不透明目录，这一个标记就能遮住下面的一切。",
      cacheStill: "layers/3-run/merged 里的 var/cache/app 仍然显示着基础层的文件。",
    },
    next: {
      lib: "删除这个文件：rm layers/3-run/merged/lib/libbig.so",
      mkdir: "重新创建这个目录：mkdir layers/3-run/merged/var/cache/app",
      recreate: "删除目录再重新创建：rm -rf layers/3-run/merged/var/cache/app && mkdir layers/3-run/merged/var/cache/app",
    },
  },
};

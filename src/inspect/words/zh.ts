// inspect 的中文。类型来自 en.ts：少一个键或签名不同，编译就会失败。
import type { InspectWords } from "./en.js";

const VFS_REASON = "使用 vfs 存储驱动时，每个容器都是其镜像的完整副本（每个镜像层也是其下各层的完整副本），而不是 overlay";

export const zh: InspectWords = {
  notFound: (target, runtimes) => `'${target}' 既不是 overlay 挂载点，也不是 ${runtimes} 知道的容器`,
  notFoundNoRuntime: (target) =>
    `'${target}' 不是 overlay 挂载点，本机也没有可以询问容器名的 docker、podman 或 containerd，也没有它们的存储`,
  ambiguous: (target, count, matches) => `'${target}' 对应 ${count} 个容器：${matches.join("、")}；请把其中一个作为 TARGET 给出`,
  storeOwner: (user, uid) => `rootless 存储：用户 ${user} 的（uid ${uid}）`,
  underRoot: (dir) => `从 --root ${dir} 下的存储读取：其中的内容在本机都没有挂载`,
  vfsReason: VFS_REASON,
  vfsContainer: (name, runtime, user, store) =>
    `'${name}' 是 ${user} 的 ${runtime} 存储 ${store} 中的容器：${VFS_REASON}，所以没有可以比较的层`,
  rootNotDirectory: (dir) => `--root ${dir}：不是目录`,
  rootNoStore: (dir) =>
    `--root ${dir}：下面没有容器存储（找过 var/lib/docker、var/lib/containers/storage、各用户的主目录，以及 etc/docker/daemon.json 和 etc/containers/storage.conf 指定的位置）`,
  notFoundUnderRoot: (target, dir) => `'${target}' 不是 --root ${dir} 下各存储中的容器`,
  noContainersUnderRoot: (dir) => `--root ${dir} 下的存储中没有容器`,
  rootWithImage: "--root 读取存储自己的文件，--image 询问运行时：两者只能选一个",
  storeProblems: (count, shown, more) =>
    `有 ${count} 个存储文件无法读取，其中记录的内容上面可能没有列出：${shown.join("；")}${more === "0" ? "" : `；另有 ${more} 个`}`,
  podNotFound: (pod, runtimes) =>
    `没有找到 Pod ${pod} 的容器${runtimes === "" ? "：没有容器运行时响应，本机已挂载的存储的文件里也没有" : `（已询问 ${runtimes}）`}（NAMESPACE/POD 形式的 TARGET 指 Kubernetes 的 Pod，按其容器的标签查找）`,
  noOverlays: "本机没有 overlay 挂载，存储中也没有已停止的容器",
  hostTotal: (mounts, bytes, shared) =>
    `共 ${mounts} 个 overlay，从大到小排列：所有层合计 ${bytes}（几个 overlay 共用的层只计一次${shared === "0" ? "" : `；共用的层有 ${shared} 个`}）`,
  title: (mountPoint, bytes) => `${mountPoint}（各层共 ${bytes}）`,
  notMounted: "当前没有挂载（容器已停止）：按运行时给出的层目录读取",
  container: (name, runtime, id, image) => `容器 ${name}（${runtime}，${id}），镜像 ${image}`,
  pod: (pod, container) => `Pod：${pod}${container === "" ? "" : `（容器 ${container}）`}`,
  namedFromFiles: (runtime) =>
    `容器名取自 ${runtime} 存储中的文件，没有询问 ${runtime}（它没有响应，或者不认识这个容器）：只有 ${runtime} 自己知道的信息（例如标签，可能还有镜像）无法得知`,
  noContainer: "没有对应的容器（普通 overlay，或无法询问运行时）",
  store: (kind) => `存储：${kind}`,
  storePlain: "存储：无（它的层不在任何运行时的存储中）",
  otherNamespace: (pid) => `位于另一个挂载命名空间中，经由 /proc/${pid}/root 读取`,
  layersTitle: "镜像层，从上到下（按构建顺序编号：#1 是基础层）：",
  layer: (dir, bytes, files, disk) => `${dir}  ${bytes}，${files} 个文件${disk === undefined ? "" : `，占用磁盘 ${disk}`}`,
  upper: (dir, bytes, files, disk) => `${dir}  ${bytes}，${files} 个文件${disk === undefined ? "" : `，占用磁盘 ${disk}`}（容器的可写层）`,
  noUpper: "没有 upper 层：只读的 overlay",
  changesTitle: (count) => `改动（与 docker diff 列出的一致）：${count} 项`,
  noChanges: "没有改动：容器什么也没写",
  changeKinds: { added: "新增", changed: "修改", deleted: "删除", opaque: "不透明目录", renamed: "重命名的目录" },
  renamedCount: (count) => `重命名的目录 ${count} 项：什么也没有复制（redirect_dir：内容仍在镜像的层里）`,
  renamesTitle: "重命名的目录（新名字 ← 它在镜像中的位置）：",
  renamed: (path, from) => `${path}  ← ${from}`,
  changeCount: (kind, count, bytes, hidden, of) =>
    `${kind} ${count} 项${of === undefined ? "" : `（其中 ${of}）`}：写入 ${bytes}，遮住镜像的 ${hidden}`,
  largestChanges: "最大的改动：",
  changeWritten: (bytes) => `写入 ${bytes}`,
  changeHides: (bytes) => `遮住镜像的 ${bytes}`,
  changeDisk: (bytes) => `占用磁盘 ${bytes}`,
  changeMetacopy: "只复制了元数据：数据仍是镜像里的",
  change: (path, figures) => `${path}  ${figures.join("，")}`,
  hiddenByImage: (bytes) => `被镜像自身的层遮住：${bytes}`,
  hiddenByContainer: (bytes) => `被容器的改动遮住（镜像中本来可见的）：${bytes}`,
  largestHidden: "被遮住最多的：",
  hiddenBy: {
    whiteout: (layer) => (layer === null ? "被容器的 whiteout 删除" : `被 #${layer} 层的 whiteout 删除`),
    opaque: (layer) => (layer === null ? "位于容器的不透明目录之下" : `位于 #${layer} 层的不透明目录之下`),
    "newer-copy": (layer) => (layer === null ? "被容器里更新的副本取代" : `被 #${layer} 层中更新的副本取代`),
  },
  hidden: (bytes, files, path, layer, cause) => `${bytes}（${files} 个文件）${path} 在 #${layer} 层，${cause}`,
  more: (count, all) => `……还有 ${count} 项（--top ${all} 可全部列出）`,
  verdictImage: (bytes, layer, path, cause) =>
    `镜像自身的层遮住了 ${bytes}：请看生成 #${layer} 层的那一步，它${cause === "whiteout" ? "删除了" : cause === "opaque" ? "清空了" : "替换了"} ${path}`,
  verdict: (image, container) => `${image}；${container}`,
  verdictCleanImage: "镜像自身的层没有遮住任何内容",
  verdictContainer: (bytes, parts, besides) =>
    `${besides ? "此外，" : ""}容器的改动遮住了镜像中本来可见的 ${bytes}${parts.length === 0 ? "" : `（${parts.join("，")}）`}`,
  verdictNoContainerHidden: "容器的改动没有遮住镜像中可见的任何内容",
  copyUps: (count) => `${count} 次 copy-up`,
  metadataOnly: (count) => `${count} 项只复制了元数据`,
  listSeparator: "，",
  deletes: (count) => `${count} 次删除`,
  opaqueDirs: (count) => `${count} 个不透明目录`,
  notes: "说明：",
  unreadable: (dir, code) => `无法读取 ${dir}（${code}）：其下的内容没有计入`,
  unresolved: (dir) => `无法解析层 ${dir}：没有计入`,
  layerUnreadable: (path, code) => `${path}：无法读取（${code}）`,
  layerNotDirectory: (path) => `${path}：不是目录`,
  layerForeignSymlink: (path) => `${path}：是存储的 l/ 目录之外的符号链接，没有跟随`,
  layerLinkVanished: (path, code) => `${path}：链接已经不在了（${code}）`,
  layerLinkOutside: (path, target, store) => `${path}：指向存储 ${store} 之外的 ${target}，已拒绝`,
  layerLinkNotDirectory: (path, resolved) => `${path}：指向的 ${resolved} 不是目录，已拒绝`,
  relativeUnfound: (paths) => `相对的层路径（${paths}）：存储里和挂载点上方的目录里都没有`,
  relativeGuess: (paths, base) => `相对的层路径（${paths}）按 ${base} 解析：这是推测，挂载本身无法证实`,
  upperUnreadable: (path) => `upperdir ${path}：不是可以读取的目录`,
  partial: (mounts, root) =>
    root ? `有些层没有计入（原因见各自的说明）：${mounts}` : `有些层无法读取（用 root 运行才能全部读取）：${mounts}`,
  missingLayers: (dirs) => `存储中登记的这些层不在磁盘上，其字节没有计入：${dirs}`,
  process: (pid, command) => `进程 ${pid}（${command}）`,
  processes: (named, more) => `${named.join("、")}${more === "0" ? "" : `，另有 ${more} 个`}`,
  hiddenNamespaces: (count, processes) => `有 ${count} 个进程的挂载命名空间无法读取：${processes}；只挂载在那里的 overlay 没有列出`,
  hiddenNamespacesNotRoot: (count, processes) =>
    `有 ${count} 个进程的挂载命名空间无法读取（不是 root）：${processes}；只挂载在那里的 overlay 没有列出；用 sudo 运行才能看到`,
  closedStores: (count, stores, root) =>
    `有 ${count} 个存储存在，但无法查看其中的内容（${root ? "内核拒绝" : "不是 root"}）：${stores}；其中的镜像和容器没有计入${root ? "" : "；用 sudo 运行才能计入"}`,
  image: {
    title: (name, runtime, id) => `镜像 ${name}（${runtime}，${id}）`,
    layersTitle: "各层，从上到下（按构建顺序编号：#1 是基础层）：",
    unknownStep: "（历史记录里没有对应的步骤）",
    layerFigures: (bytes, files, seen, hiddenLater) => `${bytes}，${files} 个文件：仍可见 ${seen}，被后面的层遮住 ${hiddenLater}`,
    separator: "；",
    hides: (total, details) => `遮住前面各层的 ${total}（${details}）`,
    hideHow: (how, bytes) => `${how} ${bytes}`,
    how: { whiteout: "whiteout", opaque: "不透明目录", "newer-copy": "更新的副本" },
    listSeparator: "、",
    emptySteps: (count, keywords) => `有 ${count} 个步骤没有生成层（${keywords}）：它们不与层对应`,
    totals: (onDisk, files, visible, hidden, percent) =>
      `磁盘上 ${onDisk}，${files} 个文件；容器能看到 ${visible}；被遮住 ${hidden}（占镜像的 ${percent}）`,
    largestHidden: "被遮住最多的：",
    more: (count, all) => `……还有 ${count} 项（--top ${all} 可全部列出）`,
    manyFiles: (path, files) => `${path}（${files} 个文件）`,
    hiddenItem: (bytes, path, addedBy, addedLayer, hiddenBy, hiddenLayer, how) =>
      `${bytes} ${path}：由 ${addedBy}（#${addedLayer} 层）加入，被 ${hiddenBy}（#${hiddenLayer} 层，${how}）遮住`,
    fix: "解决办法：在创建文件的同一个 RUN 里删掉它（两件事放进一个 RUN），或者用多阶段构建，只 COPY 镜像需要的东西",
    nothingHidden: "没有被遮住的内容：这些层里的每个字节容器都能看到",
    ciLine: (rule, limit, value, crossed) => `CI ${rule} ${limit}：${crossed ? "超出" : "通过"}，镜像遮住了 ${value}`,
    ciRule: (rule, limit, value) => `超出 ${rule} ${limit}：镜像遮住了 ${value}`,
    ciFailed: (rules) => `CI 检查未通过：${rules.join("；")}`,
    notFound: (image, runtimes) => `${runtimes} 都不知道镜像 '${image}'：请用 \`podman images\` 或 \`docker images\` 核对名字`,
    notOverlay: (runtime, driver) =>
      `${runtime} 用 ${driver || "未知的"} 存储驱动保存镜像，不是 overlay：没有可读的 overlay 层（请换一个 --runtime）`,
    runtimeFailed: (message) => `容器运行时出错：${message}`,
    mismatch: (layers, steps) =>
      `镜像有 ${layers} 层，但历史记录里生成层的步骤有 ${steps} 个：从最上层开始对应，下面的层可能对应错误或没有对应`,
    runtimeValue: (value) => `--runtime ${value}：请选择 docker 或 podman`,
    runtimeNoImages: (runtime) =>
      `--runtime ${runtime}：${runtime} 不提供镜像各层在磁盘上的位置；请改为检查用该镜像创建的容器（inspect ID），或者选择 docker 或 podman`,
    imageAndTarget: (target) => `TARGET（${target}）和 --image 只能给一个`,
    onlyWithImage: (option) => `${option} 只能和 --image IMAGE 一起使用`,
    ciNeedsRule: "--ci 需要规则：--max-hidden SIZE、--max-hidden-percent P，或两者都给",
    ruleNeedsCi: (option) => `${option} 是 CI 规则：请加上 --ci`,
    budget: (value) => `'${value}' 不是 0 到 64 GiB 之间的大小：请用 0、512k、50M 或 1GiB 这样的写法`,
    percentValue: (value) => `'${value}' 不是 0 到 100 之间的百分比`,
  },
  summary: {
    notWith: (other) => `--summary 汇总的是整个主机：不要同时给出 ${other}`,
    thisHost: "本机",
    underRoot: (dir) => `--root ${dir} 下的存储`,
    title: (where, disk, stores, images, containers, running, stopped) =>
      `${where}：${stores} 个存储、${images} 个镜像、${containers} 个容器（运行中 ${running} 个，已停止 ${stopped} 个），共占用磁盘 ${disk}`,
    noStores: "本机没有找到容器存储",
    storesTitle: "存储，从大到小：",
    store: (runtime, root, owner, driver, disk, layers) =>
      `${runtime}  ${root}  ${driver}${owner === null ? "" : `（用户 ${owner}）`}：占用磁盘 ${disk}，共 ${layers} 层`,
    fullCopies: "vfs：每个容器都是其镜像的完整副本（不用 overlay，什么也不共享）",
    imagesTitle: "镜像，从大到小：",
    untagged: "<无标签>",
    image: (name, id, layers, bytes, shared, unique, hidden) =>
      `${name} ${id}  ${layers} 层，占用磁盘 ${bytes}（与其他镜像共享 ${shared}，独有 ${unique}）；被它自己后面的层遮住 ${hidden}`,
    imageContainers: (names, more) => `容器：${names.length === 0 ? "无" : names.join("、")}${more === "0" ? "" : `，另有 ${more} 个`}`,
    containersTitle: "容器，按可写层从大到小：",
    pod: (namespace, name) => `（Pod ${namespace}/${name}）`,
    states: { running: "运行中", stopped: "已停止" },
    container: (name, pod, runtime, state, image, writes, hides) =>
      `${name}${pod}  ${runtime}，${state}，镜像 ${image}：可写层占用磁盘 ${writes}，遮住镜像的 ${hides}`,
    unused: (count, disk) => `没有任何镜像或容器使用的层：${count} 个，占用磁盘 ${disk}`,
    reclaim: (commands) => `要释放没有被使用的部分，可用运行时自带的命令（只列出，不会执行）：${commands.join("；")}`,
  },
};

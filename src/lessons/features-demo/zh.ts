// features-demo's words in Chinese.
import type { FeaturesWords } from "./en.js";

export const zh: FeaturesWords = {
  title: "容器引擎挂载时用的选项：metacopy、redirect_dir、index、volatile、xino、仅数据下层",
  common: {
    checkApplied: (option: string) => `内核在这次挂载上启用了 ${option}（findmnt 能看到）`,
    ownReading: "这里没有安装 getfattr（apt install attr）：由本课自己读取这个 xattr：",
    noXattr: "（没有）",
    mapShows: (mount: string) => `下面的分层图画的是用 ${mount} 挂载的那个容器。`,
  },
  skip: {
    userxattr: (option: string, hostRoot: boolean) =>
      `rootless 模式下 overlay 用 userxattr 挂载，而内核拒绝把 ${option} 与它一起使用（“conflicting options”）：能写 user.* xattr 的普通用户就能伪造文件数据或目录的来源。${hostRoot ? "去掉 --rootless 运行本课" : "请用 sudo 运行本课"}来看这一步。`,
    refused: (option: string, said: string) => `这个内核拒绝了 ${option}：${said}`,
    notApplied: (option: string, why: string) => `内核挂上了 overlay，但没有启用 ${option}（findmnt 里看不到它）：${why}`,
    noReason: "原因写在内核日志里（以 root 身份运行 dmesg 查看）",
  },
  metacopy: {
    title: "metacopy：不复制数据的 chown",
    explain:
      'Fedora 和 RHEL 上的 Podman 为每个容器挂载时都带 metacopy=on（storage.conf：mountopt = "nodev,metacopy=on"）；docker 的 overlay2 不会要求它。在同一镜像的两个容器里，通过 merged 修改镜像文件的属主：没有 metacopy 时，内核要先把每个文件整个复制上来才能改属主；有了 metacopy=on，只复制元数据，数据留在镜像层，直到有人写入它。',
    appConf: "应用的配置",
    redirectToo: "findmnt 里还能看到 redirect_dir=on：只有元数据的文件要通过重定向去下层找数据，所以内核随 metacopy 一起打开了重定向。",
    checkFullCopy: "metacopy=off：chown 把 libbig.so 整个复制了上来（数据块都在 upper 里）",
    checkXattr: (name: string) => `metacopy=on：upper 里的 libbig.so 带有 ${name}`,
    checkMetadataOnly: "metacopy=on：upper 里的 libbig.so 大小完整，却没有数据块：只有元数据",
    checkChanged: "新的属主或权限记在 upper 里：元数据被复制上来并在那里修改",
    checkReads: "通过 merged 读到的字节仍是镜像里的：数据来自 lower",
    layerOff: "chown 之后的 upper，metacopy=off",
    layerOn: "chown 之后的 upper，metacopy=on",
    checkShare: "只有元数据的 upper 不到完整副本的 1%",
    nowWrite: "现在通过 merged（metacopy=on）往这个文件写一个字节：写入需要数据。",
    checkWrite: "这次写入把数据复制了上来：upper 里的 libbig.so 现在有了全部数据块",
    checkGone: "它也不再带有 overlay.metacopy",
    layers:
      "为什么 RUN chown -R 会让层翻倍：构建时每个 RUN 都提交成一层，而一层就是变化内容的 tar 包，改过的文件连同数据整个放进去。Docker 在 RUN 执行时就已经复制了数据；metacopy=on 只省下了容器 upper 的空间，推送出去的层里仍然是每一个字节。属主要在创建文件时就设好：COPY --chown=app:app，或者在创建文件的同一个 RUN 里 chown。",
    key: "metacopy=on 省下的是容器磁盘上 chown 造成的复制，而不是镜像：tar 格式的层里，改过的文件总是完整的。",
    practice: {
      task: "你来当 RUN chown -R：通过 metacopy/on/merged（带 metacopy=on 的容器），把 opt/app 下的文件改成另一个属主，然后比较两个 upper。",
      hint: "chown -R 1000:1000 metacopy/on/merged/opt/app，然后 du -s -B1 metacopy/off/upper metacopy/on/upper",
      done: "你的修改只复制了元数据：upper 里的副本有文件的大小，没有它的数据块，读取仍然来自镜像层。",
    },
  },
  redirect: {
    title: "redirect_dir：重命名目录",
    explain:
      "容器重命名一个来自镜像的目录（mv /srv/www /srv/site）。镜像层不能改，所以 overlayfs 要么拒绝这次重命名，要么在 redirect_dir=on 时把它记在 upper 里。没有这个选项时（大多数内核的默认值，docker 的 overlay2 也不会要求它），rename(2) 以 EXDEV 失败，也就是跨文件系统移动时的错误，mv 只好把整棵目录树复制上来，再删掉旧的。",
    page: "随镜像发布的网站",
    whyPerl:
      "coreutils 里没有只调用 rename(2) 的命令：rename 失败时 mv 会改为复制加删除（会直接失败的 mv --no-copy 到 coreutils 9.5 才有）。perl 的 rename 就是裸的系统调用，而每个 Debian 和 Ubuntu 都装有 perl-base：",
    whyNode:
      "coreutils 里没有只调用 rename(2) 的命令：rename 失败时 mv 会改为复制加删除（会直接失败的 mv --no-copy 到 coreutils 9.5 才有），而这里没有安装 perl：由运行本课的 node 来做这个裸的系统调用：",
    checkExdev: "redirect_dir=off：对镜像目录的 rename(2) 以 EXDEV 失败",
    mvInstead: "mv 遇到同样的 EXDEV，于是照跨文件系统的办法做：把每个文件复制上来，再删除旧的目录树，留下一个 whiteout。",
    mvCopied: "mv 复制上来的",
    checkCopied: "mv 把目录的每个字节都复制进了 upper",
    checkWhiteoutOff: "旧名字在 upper 里成了 whiteout",
    checkXattr: (name: string) => `redirect_dir=on：rename(2) 成功了，upper 里的新目录带有 ${name}，记着旧名字`,
    checkNothingCopied: "redirect_dir=on：一个文件也没有复制上来",
    checkWhiteoutOn: "旧名字在 upper 里成了 whiteout：镜像里的目录现在只出现在新名字下",
    checkNewName: "merged 在新名字下显示镜像里的文件",
    upperOff: "mv 之后的 upper，redirect_dir=off",
    upperOn: "重命名之后的 upper，redirect_dir=on",
    nativeDiff:
      "这就是内核打开 redirect_dir 时 dockerd 关掉 native diff 的原因：native diff 直接把 upper 打成 tar，而 upper 里的重定向只是一个没有文件的目录，层里就会丢掉这些文件。naive diff 改为遍历 merged 视图，把每个文件都复制进层里：结果正确，但是慢。",
    key: "没有 redirect_dir 时，重命名镜像里的目录会把整棵树复制上来（或以 EXDEV 失败）；有了它，upper 只记下一个重定向，什么也不复制。",
    practice: {
      task: "通过 redirect-dir/on/merged（带 redirect_dir=on 的容器）重命名镜像里的 srv/www：mv 可以，现在 rename(2) 也可以。",
      hint: "mv redirect-dir/on/merged/srv/www redirect-dir/on/merged/srv/<新名字>，然后 ls -l redirect-dir/on/upper/srv",
      done: "你的重命名在 upper 里留下的是重定向而不是副本：新目录指向镜像里的目录，旧名字成了 whiteout。",
    },
  },
  hardlinks: {
    title: "index：copy-up 之后的硬链接",
    explain:
      "镜像里可以有一个文件、两个名字，也就是硬链接（Debian 的 /usr/bin/perl 和 /usr/bin/perl5.36.0 就是同一个文件）。通过其中一个名字写入会触发 copy-up：没有 index 时，内核只把这个名字复制上来，成为一个新的 inode，两个名字从此分道扬镳；有了 index=on，内核只把这个 inode 复制上来一次，记在 work/index 里，每个名字仍是同一个文件。",
    version1: "版本 1",
    version2: "版本 2，通过 state 写入",
    whyOffRootless:
      "在用户命名空间里挂载的 overlay 无法解析文件句柄（这需要宿主机上的 CAP_DAC_READ_SEARCH），而 index 要靠文件句柄找到 inode，所以内核关掉了 index。",
    checkBroken: "index=off：写入之后 state 成了一个独立的新 inode：链接断了",
    checkCounts: "index=off：state 现在只有 1 个链接，而 state.link 仍说有 2 个",
    checkOldContent: "index=off：state.link 仍显示旧内容",
    checkHeld: "index=on：state 和 state.link 仍是同一个 inode",
    checkTwoLinks: "index=on：两个名字都仍有 2 个链接",
    checkNewContent: "index=on：state.link 能看到这次写入",
    checkIndex: "index=on：复制上来的 inode 记在 work/index 里",
    why: "通过一个名字写入的程序，指望每个名字都能看到改动（rsync -H、软件包里的硬链接文件、数据库和它的硬链接备份）：没有 index，这些名字会悄悄分开，链接数也不再可信。",
    key: "没有 index=on 时，copy-up 会打断镜像文件的硬链接；index=on 能保住它们。",
  },
  volatile: {
    title: "volatile：不同步，再挂载被拒",
    explain:
      "Podman 用 volatile 挂载一次性的容器（podman run --rm）：内核从不同步它们的 upper（fsync 和 syncfs 立即返回，O_DSYNC 写入也不等磁盘），省掉了磁盘的刷写。代价是：崩溃之后 upper 可能只写了一半，所以内核在 work 目录里留下标记，拒绝再次挂载这对 upper 和 work。",
    timing: (writes: number) =>
      `在两个挂载上做同样的 ${writes} 次 4 KiB 同步写入（dd oflag=dsync，就像数据库提交那样），各运行三次，交替进行：`,
    median: "中位数",
    plain: "不带 volatile",
    volatile: "带 volatile",
    faster: (ratio: string) => `volatile 挂载写得快 ${ratio} 倍（中位数之比，两者范围不重叠）：它的写入不等磁盘。`,
    slower: (ratio: string) =>
      `这里 volatile 挂载慢了 ${ratio} 倍（中位数之比，两者范围不重叠）：这是本机的噪声，因为 volatile 只会省掉工作。`,
    noDifference: (trials: number) =>
      `两者的范围有重叠：各 ${trials} 次运行下，这块磁盘的刷写代价太小，分不出差别（虚拟机的写缓存，或者 tmpfs）。在真实磁盘上，每次同步写入都要等它。`,
    checkWritten: "每次写入都落下了：日志文件大小完整",
    checkLeft: "正常 umount 之后，work/work/incompat/volatile 仍然在",
    checkRefused: "再次挂载同一对 upper 和 work 被拒绝",
    kernelSays: "内核日志（dmesg）",
    nothingLogged: "（没有）",
    logUnreadable: "mount(8) 只能说 “wrong fs type, bad option”：内核的原因写在它的日志里，而这里只有 root 能读（sudo dmesg）。",
    checkKernel: "内核说明了原因：这是 volatile 挂载留下的标记",
    clear:
      "这个标记的意思是：如果机器崩溃过，upper 可能不完整，应该把 upper 和 work 丢掉。正因为这台机器没有崩溃，本课才可以按内核文档允许的那样，只删掉这个标记：",
    checkKept: "再次挂载成功：之前写入的文件都在",
    key: "volatile 用持久性换速度：崩溃之后容器层要丢掉，内核不会当作什么都没发生一样挂载它。",
  },
  xino: {
    title: "xino：统一的设备号，唯一的 inode 号",
    explain:
      "st_dev 和 st_ino 说明一个路径是哪个文件：du、find、tar 和 rsync 靠它们区分文件、统计硬链接。所有层都在同一个文件系统上时，overlayfs 对每个路径报告挂载本身的设备号。不在同一个文件系统上时，文件报告的是它所在层的设备号和 inode，除非挂载时带了 xino=on，它把层的编号放进 inode 号的高位。",
    ownFilesystem: "这一步的镜像放在一个单独的文件系统（tmpfs）上，就像镜像放在另一块磁盘上，或放在 erofs 镜像里（composefs）那样：",
    logLine: "容器写入的一行",
    duCounts: (mount: string) => `du -sx 统计的 merged，${mount}`,
    checkOffDevices: "xino=off：挂载的根目录、镜像里的文件和新文件报告的不是同一个设备号",
    checkOnDevice: "xino=on：三者都报告挂载本身的那一个设备号",
    checkHighBits: "xino=on：镜像文件的 inode 号等于它在镜像里的 inode 号，高位加上层的编号",
    checkDuOff: "xino=off：du -x 只统计了目录：文件看起来像在另一个文件系统上",
    checkDuOn: "xino=on：du -x 统计到了文件",
    why: "du -x 只统计和起始目录同一设备上的东西：没有 xino，它会跳过这个容器的每一个文件。靠 (st_dev, st_ino) 记住文件的工具（为了硬链接文件只算一次，或者找出变化），会在一个挂载里遇到好几个设备号，而且同一个 inode 号要靠设备号才能和另一个文件区分开。",
    key: "层分布在多个文件系统上时，只有 xino=on 能让容器只有一个设备号、inode 号唯一。",
  },
  dataOnly: {
    title: "仅数据下层：共用一个内容仓库",
    explain:
      "composefs（ostree 和 podman 的 containers-storage 都能用它挂载镜像）把镜像拆成两部分：每个镜像一个元数据层（名字、属主、大小），外加所有镜像共用的文件内容仓库，每个文件以其内容的摘要命名（composefs 用 fs-verity 摘要，本课用 sha256sum 的结果）。这个仓库放在 “::” 之后交给 overlayfs，作为仅数据下层（Linux 6.5）：它的路径一个也不会出现在 merged 里，文件数据只能通过上层某个只有元数据的文件的 overlay.redirect 找到。",
    ownSetting: "这里没有安装 setfattr（apt install attr）：由本课像 mkcomposefs 那样自己设置这些 xattr：",
    checkHidden: "merged 只显示镜像里的名字，仓库里的一个也没有",
    checkSame: "两个镜像读到的都是仓库里的字节",
    checkNoData: "镜像里的 libshared.so 是稀疏文件：大小完整，自己没有数据",
    checkStore: "仓库里存着这份数据，只有一份",
    images: "两个镜像的层",
    store: "仓库",
    composefs:
      "一千个带着同一个库的镜像，它的字节也只存一份，内核按名字找到它们。composefs 还为元数据加上一个 erofs 镜像，并在 overlay.metacopy 里放 fs-verity 摘要，被篡改的对象就无法打开。",
    key: "仅数据层只存内容：路径来自上面的元数据层，数据通过重定向来自仓库。",
  },
};

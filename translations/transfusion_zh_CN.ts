<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>tfs::studio::AttentionPage</name>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Layout: text:N, image:P, | between documents. Prompt: text with &lt;image&gt; where an image goes.</source>
        <translation>布局：text:N、image:P，文档之间用 |。提示词：在图像位置写 &lt;image&gt; 的文本。</translation>
    </message>
    <message>
        <source>Causal only</source>
        <translation>仅因果</translation>
    </message>
    <message>
        <source>Plain causal attention: what the paper&apos;s ablation removes is the bidirectional attention inside each image (Ctrl+Shift+C)</source>
        <translation>纯因果注意力：论文的消融实验去掉的是每张图像内部的双向注意力（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>&lt;image&gt; = </source>
        <translation>&lt;image&gt; = </translation>
    </message>
    <message>
        <source> patches</source>
        <translation> 个块</translation>
    </message>
    <message>
        <source>Patches per &lt;image&gt; in a prompt when no model is loaded</source>
        <translation>未加载模型时提示词中每个 &lt;image&gt; 的块数</translation>
    </message>
    <message>
        <source>Load model…</source>
        <translation>加载模型…</translation>
    </message>
    <message>
        <source>Open a run folder to show its real attention weights (Ctrl+Shift+L)</source>
        <translation>打开运行文件夹以显示真实的注意力权重（Ctrl+Shift+L）</translation>
    </message>
    <message>
        <source>Demo model</source>
        <translation>演示模型</translation>
    </message>
    <message>
        <source>Load the model shipped with the studio</source>
        <translation>加载随工作室附带的模型</translation>
    </message>
    <message>
        <source>No model: the mask only</source>
        <translation>无模型：仅显示掩码</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Attention weights</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>The mask (who may attend whom) or the model&apos;s probabilities</source>
        <translation>掩码（谁可以关注谁）或模型的概率</translation>
    </message>
    <message>
        <source>Transformer layer, or the mean over all layers</source>
        <translation>Transformer 层，或所有层的平均</translation>
    </message>
    <message>
        <source>Attention head, or the mean over the heads</source>
        <translation>注意力头，或所有头的平均</translation>
    </message>
    <message>
        <source>t = pure noise</source>
        <translation>t = 纯噪声</translation>
    </message>
    <message>
        <source>t = </source>
        <translation>t = </translation>
    </message>
    <message>
        <source>Noise step of the images the model sees</source>
        <translation>模型所见图像的噪声步</translation>
    </message>
    <message>
        <source>mean of layers</source>
        <translation>各层平均</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>mean of heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>第 %1 个头</translation>
    </message>
    <message>
        <source>text:5,image:16,text:3 | text:4</source>
        <translation>text:5,image:16,text:3 | text:4</translation>
    </message>
    <message>
        <source>a red circle &lt;image&gt; a blue square &lt;image&gt;</source>
        <translation>一个红色的圆 &lt;image&gt; 一个蓝色的方块 &lt;image&gt;</translation>
    </message>
    <message>
        <source>attention of %1, %2</source>
        <translation>%1、%2 的注意力</translation>
    </message>
    <message>
        <source>causal-only mask</source>
        <translation>纯因果掩码</translation>
    </message>
    <message>
        <source>Transfusion mask</source>
        <translation>Transfusion 掩码</translation>
    </message>
    <message>
        <source>%1 positions · %2 document(s) · %3 image(s) · %4</source>
        <translation>%1 个位置 · %2 个文档 · %3 张图像 · %4</translation>
    </message>
    <message>
        <source>Open a trained run</source>
        <translation>打开已训练的运行</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Model: %1 (%2 layers × %3 heads, %4 patches per image)</source>
        <translation>模型：%1（%2 层 × %3 头，每张图像 %4 个块）</translation>
    </message>
</context>
<context>
    <name>tfs::studio::ChatInput</name>
    <message>
        <source>Write a message… (Enter sends, Shift+Enter starts a new line; paste or drop images to attach them)</source>
        <translation>输入消息…（Enter 发送，Shift+Enter 换行；粘贴或拖放图像即可附加）</translation>
    </message>
</context>
<context>
    <name>tfs::studio::ChatPage</name>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation>开始新对话</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Load a saved conversation (JSON)</source>
        <translation>加载已保存的对话（JSON）</translation>
    </message>
    <message>
        <source>Sa&amp;ve…</source>
        <translation>保存(&amp;V)…</translation>
    </message>
    <message>
        <source>Save the conversation with all its branches as JSON, its images beside it</source>
        <translation>将对话及其所有分支保存为 JSON，图像保存在旁边</translation>
    </message>
    <message>
        <source>Images sent with the next message; Delete removes the selected one.</source>
        <translation>随下一条消息发送的图像；按 Delete 移除所选图像。</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>Send the message; the model replies with text and maybe images (Enter)</source>
        <translation>发送消息；模型以文本（可能还有图像）回复（Enter）</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>绘制(&amp;D)</translation>
    </message>
    <message>
        <source>Send the message and have the reply start with an image (Ctrl+D)</source>
        <translation>发送消息，并让回复以图像开头（Ctrl+D）</translation>
    </message>
    <message>
        <source>&amp;Image…</source>
        <translation>图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Attach image files to the next message (or paste / drop them)</source>
        <translation>将图像文件附加到下一条消息（或粘贴 / 拖放）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the reply now (Esc)</source>
        <translation>立即停止回复（Esc）</translation>
    </message>
    <message>
        <source>Reply settings</source>
        <translation>回复设置</translation>
    </message>
    <message>
        <source>0 always picks the likeliest token (the paper); higher is more varied.</source>
        <translation>0 总是选择最可能的词元（论文的做法）；越高越多样。</translation>
    </message>
    <message>
        <source>The most text tokens in one reply</source>
        <translation>一次回复中的最大文本词元数</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>温度(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Max tokens:</source>
        <translation>最大词元数(&amp;M)：</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 像素</translation>
    </message>
    <message>
        <source>Attach Images</source>
        <translation>附加图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>The model is still replying: wait or stop it first.</source>
        <translation>模型仍在回复：请等待或先停止它。</translation>
    </message>
    <message>
        <source>The edited reply is a new branch.</source>
        <translation>编辑后的回复成为一个新分支。</translation>
    </message>
    <message>
        <source>reply: %1</source>
        <translation>回复：%1</translation>
    </message>
    <message>
        <source>(image)</source>
        <translation>（图像）</translation>
    </message>
    <message>
        <source>Replying…</source>
        <translation>正在回复…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Replied in %1 s (%2).</source>
        <translation>回复完成，用时 %1 秒（%2）。</translation>
    </message>
    <message>
        <source>(no reply)</source>
        <translation>（无回复）</translation>
    </message>
    <message>
        <source>The reply failed: %1</source>
        <translation>回复失败：%1</translation>
    </message>
    <message>
        <source>New conversation.</source>
        <translation type="vanished">新对话。</translation>
    </message>
    <message>
        <source>Editing a message: sending makes it a new branch and the model replies to it.</source>
        <translation>正在编辑消息：发送后它成为新分支，模型会回复它。</translation>
    </message>
    <message>
        <source>Editing the model&apos;s message: sending makes it a new branch.</source>
        <translation>正在编辑模型的消息：发送后它成为新分支。</translation>
    </message>
    <message>
        <source>regenerate: %1</source>
        <translation>重新生成：%1</translation>
    </message>
    <message>
        <source>Regenerating…</source>
        <translation>正在重新生成…</translation>
    </message>
    <message>
        <source>Open Conversation</source>
        <translation>打开对话</translation>
    </message>
    <message>
        <source>Conversations (*.json)</source>
        <translation>对话 (*.json)</translation>
    </message>
    <message>
        <source>Loaded %1.</source>
        <translation>已加载 %1。</translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message>
        <source>Save Conversation</source>
        <translation>保存对话</translation>
    </message>
    <message>
        <source>Saved %1 (images in %2_images/).</source>
        <translation>已保存 %1（图像在 %2_images/ 中）。</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Ask the model, or describe an image and press Draw (Ctrl+D) — e.g. &quot;a photo of a bag&quot;. Attach, paste or drop an image and ask &quot;what is this?&quot;.</source>
        <translation>向模型提问，或描述一张图像并按“绘制”(Ctrl+D)——例如 &quot;a photo of a bag&quot;。附加、粘贴或拖入一张图像，然后问 &quot;what is this?&quot;。</translation>
    </message>
    <message>
        <source>The model ended its reply at once: it has nothing to say to this.</source>
        <translation>模型立即结束了回复：它对此无话可说。</translation>
    </message>
    <message>
        <source>Warning: %1.</source>
        <translation>警告：%1。</translation>
    </message>
    <message>
        <source>Note: %1.</source>
        <translation>注意：%1。</translation>
    </message>
    <message>
        <source>New conversation. Type a message and press Enter (Send) for a text reply, or Draw (Ctrl+D) for an image; attach an image (Image…, paste or drop) and ask about it. Edit a message or regenerate a reply to branch; Save… keeps every branch.</source>
        <translation>新对话。输入消息并按 Enter（发送）得到文字回复，或按“绘制”(Ctrl+D) 得到图像；附加图像（图像…、粘贴或拖入）后可以就它提问。编辑消息或重新生成回复会产生分支；“保存…”会保留所有分支。</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::ChatView</name>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit this message as a new branch</source>
        <translation>将此消息作为新分支编辑</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Generate another reply as a new branch</source>
        <translation>生成另一条回复作为新分支</translation>
    </message>
    <message>
        <source>Right-click to save or copy</source>
        <translation>右键单击以保存或复制</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <source>Copy image</source>
        <translation>复制图像</translation>
    </message>
</context>
<context>
    <name>tfs::studio::DenoisePage</name>
    <message>
        <source>&amp;Prompt:</source>
        <translation>提示词(&amp;P)：</translation>
    </message>
    <message>
        <source>e.g. a photo of a sneaker</source>
        <translation>例如：a photo of a sneaker</translation>
    </message>
    <message>
        <source>What to draw. Enter generates.</source>
        <translation>要画的内容。按 Enter 生成。</translation>
    </message>
    <message>
        <source>Settings A</source>
        <translation>设置 A</translation>
    </message>
    <message>
        <source>Compare with settings &amp;B</source>
        <translation>与设置 B 比较(&amp;B)</translation>
    </message>
    <message>
        <source>Generate the same prompt with a second setting and show both side by side.</source>
        <translation>用第二组设置生成同一提示词，并将两者并排显示。</translation>
    </message>
    <message>
        <source>Settings B</source>
        <translation>设置 B</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Queue the image (Ctrl+Enter); it runs in the Jobs queue.</source>
        <translation>将图像加入队列（Ctrl+Enter）；它在任务队列中运行。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop this page&apos;s images now (Esc)</source>
        <translation>立即停止本页的图像（Esc）</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Left: the noisy x_t; right: the model&apos;s guess of the clean image x̂0. Drag the scrubber or click a thumbnail to revisit a step.</source>
        <translation>左：带噪声的 x_t；右：模型对干净图像 x̂0 的估计。拖动滑块或点击缩略图可回看某一步。</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>No image yet.</source>
        <translation>尚无图像。</translation>
    </message>
    <message>
        <source>&amp;Save Image…</source>
        <translation>保存图像(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the result as PNG with its parameters (prompt, seed, steps, CFG, sampler, model)</source>
        <translation>将结果连同参数（提示词、种子、步数、CFG、采样器、模型）保存为 PNG</translation>
    </message>
    <message>
        <source>Write a prompt first.</source>
        <translation>请先写提示词。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · queued</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · 排队中</translation>
    </message>
    <message>
        <source>Denoising…</source>
        <translation>正在去噪…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2</translation>
    </message>
    <message>
        <source>The image was skipped.</source>
        <translation>已跳过该图像。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Image %1 done in %2 s</source>
        <translation>图像 %1 完成，用时 %2 秒</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>tfs::studio::DenoiseSchedulePlot</name>
    <message>
        <source>Per step: the noise level σ = √(1 − ᾱ_t) (solid) and the timestep t / T (dashed); the dot is the step shown above</source>
        <translation>每步：噪声水平 σ = √(1 − ᾱ_t)（实线）与时间步 t / T（虚线）；圆点为上方显示的步</translation>
    </message>
    <message>
        <source>step (of %1)</source>
        <translation>步（共 %1 步）</translation>
    </message>
</context>
<context>
    <name>tfs::studio::EditPage</name>
    <message>
        <source>&amp;Open Image…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <source>The image to edit (Ctrl+O); you can also drop one here, or drag a finished job&apos;s image from Jobs</source>
        <translation>要编辑的图像（Ctrl+O）；也可以拖放到此处，或从“任务”中拖入已完成任务的图像</translation>
    </message>
    <message>
        <source>Use &amp;Result</source>
        <translation>使用结果(&amp;R)</translation>
    </message>
    <message>
        <source>Edit the result further: it becomes the input (Ctrl+R)</source>
        <translation>继续编辑结果：结果成为输入（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;Instruction:</source>
        <translation>指令(&amp;I)：</translation>
    </message>
    <message>
        <source>e.g. make the circle green</source>
        <translation>例如：make the circle green</translation>
    </message>
    <message>
        <source>What to change; Enter runs the edit</source>
        <translation>要更改的内容；按 Enter 执行编辑</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Run the edit (Ctrl+Enter); it runs in the Jobs queue</source>
        <translation>执行编辑（Ctrl+Enter）；它在任务队列中运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the edit now (Esc)</source>
        <translation>立即停止编辑（Esc）</translation>
    </message>
    <message>
        <source>&amp;Save Result…</source>
        <translation>保存结果(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the result as PNG with its parameters (Ctrl+S)</source>
        <translation>将结果连同参数保存为 PNG（Ctrl+S）</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>历史：</translation>
    </message>
    <message>
        <source>Every edit of this session; select one to compare it again</source>
        <translation>本次会话的所有编辑；选择一项可再次比较</translation>
    </message>
    <message>
        <source>Editing fine-tune</source>
        <translation>编辑微调</translation>
    </message>
    <message>
        <source>Teach a trained model to follow edit instructions (as `transfusion finetune-edit`), on generated shapes triplets</source>
        <translation>用生成的形状三元组教已训练的模型遵循编辑指令（同 `transfusion finetune-edit`）</translation>
    </message>
    <message>
        <source>the loaded model&apos;s run</source>
        <translation>已加载模型的运行</translation>
    </message>
    <message>
        <source>The trained run to start from; empty uses the loaded model&apos;s</source>
        <translation>作为起点的已训练运行；留空则使用已加载模型的运行</translation>
    </message>
    <message>
        <source>A new folder for the fine-tune&apos;s run</source>
        <translation>用于微调运行的新文件夹</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Optimiser steps of the fine-tune</source>
        <translation>微调的优化步数</translation>
    </message>
    <message>
        <source>Base run:</source>
        <translation>基础运行：</translation>
    </message>
    <message>
        <source>New run:</source>
        <translation>新运行：</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Start Fine-tune</source>
        <translation>开始微调</translation>
    </message>
    <message>
        <source>Stop &amp;&amp; Save</source>
        <translation>停止 &amp;&amp; 保存</translation>
    </message>
    <message>
        <source>Stop after the current step and save a checkpoint</source>
        <translation>在当前步之后停止并保存检查点</translation>
    </message>
    <message>
        <source>Load Result</source>
        <translation>加载结果</translation>
    </message>
    <message>
        <source>Generate and edit with the fine-tuned model</source>
        <translation>用微调后的模型生成和编辑</translation>
    </message>
    <message>
        <source>%v / %m steps</source>
        <translation>%v / %m 步</translation>
    </message>
    <message>
        <source>before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Drag (or use the arrow keys) to move the split between before and after</source>
        <translation>拖动（或使用方向键）移动前后之间的分割线</translation>
    </message>
    <message>
        <source>Fine-tune Run Folder</source>
        <translation>微调运行文件夹</translation>
    </message>
    <message>
        <source>Fine-tuning into %1…</source>
        <translation>正在微调到 %1…</translation>
    </message>
    <message>
        <source>step %1: LM loss %2, diffusion loss %3</source>
        <translation>第 %1 步：LM 损失 %2，扩散损失 %3</translation>
    </message>
    <message>
        <source>Stopped; saved %1.</source>
        <translation>已停止；已保存 %1。</translation>
    </message>
    <message>
        <source>Done; saved %1.</source>
        <translation>完成；已保存 %1。</translation>
    </message>
    <message>
        <source>The fine-tune failed: %1</source>
        <translation>微调失败：%1</translation>
    </message>
    <message>
        <source>Input: %1 × %2 pixels</source>
        <translation>输入：%1 × %2 像素</translation>
    </message>
    <message>
        <source>Input: %1</source>
        <translation>输入：%1</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Open an image to edit first.</source>
        <translation>请先打开要编辑的图像。</translation>
    </message>
    <message>
        <source>Write an instruction first, e.g. &quot;make the circle green&quot;.</source>
        <translation>请先写指令，例如“make the circle green”。</translation>
    </message>
    <message>
        <source>edit: %1</source>
        <translation>编辑：%1</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>正在编辑…</translation>
    </message>
    <message>
        <source>The result is the new input.</source>
        <translation>结果已成为新的输入。</translation>
    </message>
    <message>
        <source>Editing… step %1 / %2</source>
        <translation>正在编辑… 第 %1 / %2 步</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Edited in %1 s.</source>
        <translation>编辑完成，用时 %1 秒。</translation>
    </message>
    <message>
        <source>The edit failed: %1</source>
        <translation>编辑失败：%1</translation>
    </message>
    <message>
        <source>Load a trained model (or name its run) to fine-tune it.</source>
        <translation>请加载已训练的模型（或指定其运行）以进行微调。</translation>
    </message>
    <message>
        <source>Choose a new folder for the fine-tune&apos;s run.</source>
        <translation>请为微调运行选择一个新文件夹。</translation>
    </message>
    <message>
        <source>Preparing the fine-tune…</source>
        <translation>正在准备微调…</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>正在当前步之后停止…</translation>
    </message>
    <message>
        <source>This model was not fine-tuned for editing, so its edits will not follow the instruction: start an editing fine-tune below.</source>
        <translation type="vanished">此模型未针对编辑进行微调，其编辑不会遵循指令：请在下方开始编辑微调。</translation>
    </message>
    <message>
        <source>&amp;New Scene</source>
        <translation>新场景(&amp;N)</translation>
    </message>
    <message>
        <source>A random shapes scene at the editing model&apos;s size, with an instruction that fits it (the shapes world the shipped editing model knows)</source>
        <translation>按编辑模型尺寸生成的随机形状场景及与之相符的指令（随附编辑模型所熟悉的形状世界）</translation>
    </message>
    <message>
        <source>%1 was not trained for editing, so its edits will not follow the instruction: open an editing model (File ▸ Open Model… on this page), or start an editing fine-tune below.</source>
        <translation>%1 未经编辑训练，其编辑不会遵循指令：请打开一个编辑模型（在此页面使用 文件 ▸ 打开模型…），或在下方开始编辑微调。</translation>
    </message>
    <message>
        <source>The loaded model&apos;s images (%1 px) are too small for a shapes scene.</source>
        <translation>已加载模型的图像（%1 px）太小，无法生成形状场景。</translation>
    </message>
    <message>
        <source>A new scene: %1. Press Edit, or write your own instruction.</source>
        <translation>新场景：%1。按“编辑”，或写下你自己的指令。</translation>
    </message>
    <message>
        <source>The editing model is still loading; try again in a moment.</source>
        <translation>编辑模型仍在加载，请稍后再试。</translation>
    </message>
    <message>
        <source>No editing model is loaded: File ▸ Open Model… on this page.</source>
        <translation>未加载编辑模型：在此页面使用 文件 ▸ 打开模型…。</translation>
    </message>
    <message>
        <source>Warning: %1.</source>
        <translation>警告：%1。</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::Filmstrip</name>
    <message>
        <source>x_t (noisy)</source>
        <translation>x_t（含噪）</translation>
    </message>
    <message>
        <source>x̂₀ (prediction)</source>
        <translation>x̂₀（预测）</translation>
    </message>
    <message>
        <source>Revisit any denoising step</source>
        <translation>回看任意去噪步</translation>
    </message>
    <message>
        <source>Play the steps (Space)</source>
        <translation>播放各步（Space）</translation>
    </message>
    <message>
        <source>No steps yet</source>
        <translation>尚无步骤</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>step %1, t = %2</source>
        <translation>第 %1 步，t = %2</translation>
    </message>
    <message>
        <source>frame %1 / %2 · step %3 · t = %4 · %5 = %6</source>
        <translation>帧 %1 / %2 · 第 %3 步 · t = %4 · %5 = %6</translation>
    </message>
</context>
<context>
    <name>tfs::studio::GenerationQueue</name>
    <message>
        <source>No model is loaded: open a model run with File ▸ Open Model…</source>
        <translation>未加载模型：请用 文件 ▸ 打开模型… 打开一个模型运行</translation>
    </message>
</context>
<context>
    <name>tfs::studio::GenerationSettings</name>
    <message>
        <source>DPM-Solver++ 2M</source>
        <translation>DPM-Solver++ 2M</translation>
    </message>
    <message>
        <source>DDIM</source>
        <translation>DDIM</translation>
    </message>
    <message>
        <source>DDPM</source>
        <translation>DDPM</translation>
    </message>
    <message>
        <source>How the noise is removed step by step. DPM-Solver++ needs the fewest steps; DDPM is the slow, stochastic original.</source>
        <translation>逐步去除噪声的方式。DPM-Solver++ 所需步数最少；DDPM 是缓慢、随机的原始方法。</translation>
    </message>
    <message>
        <source>&amp;Sampler:</source>
        <translation>采样器(&amp;S)：</translation>
    </message>
    <message>
        <source>Denoising steps: more is slower and usually cleaner.</source>
        <translation type="vanished">去噪步数：越多越慢，通常也越干净。</translation>
    </message>
    <message>
        <source>S&amp;teps:</source>
        <translation>步数(&amp;T)：</translation>
    </message>
    <message>
        <source>Classifier-free guidance: how strongly the image follows the prompt (1 = no guidance, one model pass per step instead of two).</source>
        <translation>无分类器引导：图像遵循提示词的强度（1 = 无引导，每步只需一次模型前向，而不是两次）。</translation>
    </message>
    <message>
        <source>&amp;CFG scale:</source>
        <translation>CFG 系数(&amp;C)：</translation>
    </message>
    <message>
        <source>Same seed and settings, same pixels.</source>
        <translation>相同的种子和设置，得到相同的像素。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>换一个</translation>
    </message>
    <message>
        <source>Pick a random seed</source>
        <translation>随机选择种子</translation>
    </message>
    <message>
        <source>See&amp;d:</source>
        <translation>种子(&amp;D)：</translation>
    </message>
    <message>
        <source>(none: the prompt dropped)</source>
        <translation>（无：丢弃提示词）</translation>
    </message>
    <message>
        <source>What guidance steers away from; empty uses the model&apos;s unconditional prediction.</source>
        <translation>引导要远离的内容；留空则使用模型的无条件预测。</translation>
    </message>
    <message>
        <source>&amp;Negative:</source>
        <translation>反向提示词(&amp;N)：</translation>
    </message>
    <message>
        <source>%1 · %2 steps · CFG %3 · seed %4</source>
        <translation>%1 · %2 步 · CFG %3 · 种子 %4</translation>
    </message>
    <message>
        <source>How much of the denoising is run, starting from the input image noised part-way (1 = from pure noise). Lower keeps more of the input; too low cannot make the change.</source>
        <translation>从部分加噪的输入图像开始，运行多少去噪步骤（1 = 从纯噪声开始）。越低保留的输入越多；太低则无法完成修改。</translation>
    </message>
    <message>
        <source>Str&amp;ength:</source>
        <translation>强度(&amp;E)：</translation>
    </message>
    <message>
        <source>Denoising steps, 1–1000 (the schedule&apos;s length): more is slower and usually cleaner.</source>
        <translation>去噪步数，1–1000（调度的长度）：越多越慢，通常也越干净。</translation>
    </message>
</context>
<context>
    <name>tfs::studio::GenerationWorkspaces</name>
    <message>
        <source>Denoise</source>
        <translation>去噪</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Load a trained run folder for generating, chatting and editing</source>
        <translation type="vanished">加载已训练的运行文件夹，用于生成、对话和编辑</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>The model the Denoise, Conversation and Edit workspaces use</source>
        <translation>去噪、对话和编辑工作区使用的模型</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Loaded %1 from %2</source>
        <translation>已从 %2 加载 %1</translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message>
        <source>No model: File ▸ Open Model…</source>
        <translation>无模型：文件 ▸ 打开模型…</translation>
    </message>
    <message>
        <source>Open Model Run</source>
        <translation>打开模型运行</translation>
    </message>
    <message>
        <source>A model is still loading; try again in a moment.</source>
        <translation>模型仍在加载；请稍后再试。</translation>
    </message>
    <message>
        <source>Load a trained run folder: for the Edit workspace when it is shown, else for generating and chatting</source>
        <translation>加载已训练的运行文件夹：显示“编辑”工作区时用于编辑，否则用于生成和对话</translation>
    </message>
    <message>
        <source>Edit workspace: loaded %1 from %2</source>
        <translation>编辑工作区：已从 %2 加载 %1</translation>
    </message>
    <message>
        <source>Cannot load %1 for editing: %2</source>
        <translation>无法加载 %1 用于编辑：%2</translation>
    </message>
    <message>
        <source>Open Model Run for Editing</source>
        <translation>打开用于编辑的模型运行</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::ImageCompare</name>
    <message>
        <source>before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Drag to move the split between before and after</source>
        <translation>拖动以移动前后之间的分割线</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>无图像</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::JobList</name>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Run this job earlier</source>
        <translation>提前运行此任务</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Run this job later</source>
        <translation>推后运行此任务</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Remove the selected job from the queue, or cancel it if it runs</source>
        <translation>从队列中移除所选任务，若正在运行则取消它</translation>
    </message>
    <message>
        <source>Stop now</source>
        <translation>立即停止</translation>
    </message>
    <message>
        <source>Interrupt the running job immediately</source>
        <translation>立即中断正在运行的任务</translation>
    </message>
    <message>
        <source>Stop after image</source>
        <translation>本图完成后停止</translation>
    </message>
    <message>
        <source>Let the running job finish its current image, then stop</source>
        <translation>让正在运行的任务完成当前图像后停止</translation>
    </message>
    <message>
        <source>Skip image</source>
        <translation>跳过图像</translation>
    </message>
    <message>
        <source>Abandon the current image and go on with the next one</source>
        <translation>放弃当前图像，继续下一张</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::JobListModel</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
</context>
<context>
    <name>tfs::studio::JobsPage</name>
    <message>
        <source>Drag a finished job&apos;s image into the Conversation or the Edit workspace.</source>
        <translation>将已完成任务的图像拖入对话或编辑工作区。</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>清除已结束的任务(&amp;L)</translation>
    </message>
    <message>
        <source>Remove done, failed and cancelled jobs from the list</source>
        <translation>从列表中移除已完成、失败和已取消的任务</translation>
    </message>
    <message>
        <source>selected job</source>
        <translation>所选任务</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2&lt;br&gt;%3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2&lt;br&gt;%3</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::LossPlot</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>wall time (h:m:s)</source>
        <translation>耗时 (时:分:秒)</translation>
    </message>
</context>
<context>
    <name>tfs::studio::MainWindow</name>
    <message>
        <source>Transfusion Studio</source>
        <translation>Transfusion Studio</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message numerus="yes">
        <source>… %n earlier line(s) not shown</source>
        <translation>
            <numerusform>… 之前的 %n 行未显示</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Log Panel</source>
        <translation>日志面板(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>The language changes the next time the studio starts.</source>
        <translation>语言将在下次启动工作室时更改。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Transfusion Studio</source>
        <translation>关于 Transfusion Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Transfusion Studio %1&lt;/h3&gt;&lt;p&gt;Train, inspect and use Transfusion-style models: one transformer for text and images.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SentencePiece&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;spdlog&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;QCustomPlot&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;Transfusion Studio %1&lt;/h3&gt;&lt;p&gt;训练、检查和使用 Transfusion 式模型：一个同时处理文本和图像的 Transformer。&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SentencePiece&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;spdlog&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;QCustomPlot&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>About Transfusion Studio</source>
        <translation>关于 Transfusion Studio</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>Stop training, save a checkpoint and quit?</source>
        <translation>停止训练、保存检查点并退出？</translation>
    </message>
    <message>
        <source>Stopping training and saving a checkpoint…</source>
        <translation>正在停止训练并保存检查点…</translation>
    </message>
    <message>
        <source>Cannot reproduce %1: %2</source>
        <translation>无法复现 %1：%2</translation>
    </message>
    <message>
        <source>Restored the settings of %1 (seed %2)</source>
        <translation>已恢复 %1 的设置（种子 %2）</translation>
    </message>
    <message>
        <source>Reproduce</source>
        <translation>复现</translation>
    </message>
    <message>
        <source>Settings restored from %1</source>
        <translation>已从 %1 恢复设置</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::MaskView</name>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>patches</source>
        <translation>块</translation>
    </message>
    <message>
        <source>pad</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Wheel to zoom, drag to pan, double-click to fit</source>
        <translation>滚轮缩放，拖动平移，双击适配</translation>
    </message>
    <message>
        <source>position %1</source>
        <translation>位置 %1</translation>
    </message>
    <message>
        <source>text token %1</source>
        <translation>文本词元 %1</translation>
    </message>
    <message>
        <source>text &apos;%1&apos;</source>
        <translation>文本“%1”</translation>
    </message>
    <message>
        <source>patch %1 of %2</source>
        <translation>%2 的第 %1 块</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 的 %1</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>权重 %1</translation>
    </message>
    <message>
        <source>may attend</source>
        <translation>可关注</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>已遮蔽</translation>
    </message>
    <message>
        <source>query %1 (%2) → key %3 (%4): %5</source>
        <translation>查询 %1（%2）→ 键 %3（%4）：%5</translation>
    </message>
    <message>
        <source>No sequence</source>
        <translation>无序列</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Save Image</source>
        <translation>保存图像</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>The engine failed: %1</source>
        <translation>引擎出错：%1</translation>
    </message>
    <message>
        <source>Cannot create %1; choose a writable folder.</source>
        <translation>无法创建 %1；请选择可写的文件夹。</translation>
    </message>
    <message>
        <source>Cannot write %1; check the disk space and rights.</source>
        <translation>无法写入 %1；请检查磁盘空间和权限。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="vanished">无法写入 %1：%2。</translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation type="vanished">无法打开 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2 at offset %3); pick a conversation saved by the studio.</source>
        <translation type="vanished">%1 不是有效的 JSON（偏移 %3 处：%2）；请选择由工作室保存的对话。</translation>
    </message>
    <message>
        <source>%1 is not a studio conversation (no &quot;format&quot;: &quot;%2&quot;).</source>
        <translation type="vanished">%1 不是工作室对话（没有 &quot;format&quot;: &quot;%2&quot;）。</translation>
    </message>
    <message>
        <source>%1 was saved by a newer studio; update to open it.</source>
        <translation type="vanished">%1 由更新版本的工作室保存；请更新后再打开。</translation>
    </message>
    <message>
        <source>%1: node %2 is out of order; the file is damaged.</source>
        <translation type="vanished">%1：节点 %2 顺序错误；文件已损坏。</translation>
    </message>
    <message>
        <source>%1 refers to an image outside its folder (%2).</source>
        <translation type="vanished">%1 引用了其文件夹之外的图像（%2）。</translation>
    </message>
    <message>
        <source>Cannot read the image %1; keep the %2 folder next to the conversation.</source>
        <translation>无法读取图像 %1；请将 %2 文件夹放在对话文件旁边。</translation>
    </message>
    <message>
        <source>%1: the branches do not form a tree; the file is damaged.</source>
        <translation>%1：分支不构成树；文件已损坏。</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>CFG scale</source>
        <translation>CFG 系数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Input image</source>
        <translation>输入图像</translation>
    </message>
</context>
<context>
    <name>tfs::studio::RunEvalDialog</name>
    <message>
        <source>Evaluate %1</source>
        <translation>评估 %1</translation>
    </message>
    <message>
        <source>Caption accuracy on Fashion-MNIST test images, and text-to-image samples scored in the shipped classifier&apos;s feature space: a Fréchet distance that is &lt;b&gt;not COCO FID&lt;/b&gt;, and how often a sample is classified as the class it was asked for.</source>
        <translation>Fashion-MNIST 测试图像的描述准确率，以及在内置分类器特征空间中评估的文生图样本：一个&lt;b&gt;不是 COCO FID&lt;/b&gt; 的 Fréchet 距离，以及样本被分类为所要求类别的比例。</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>图像：</translation>
    </message>
    <message>
        <source>Test images captioned, and text-to-image samples generated</source>
        <translation>要描述的测试图像数和要生成的文生图样本数</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1：%2 / %3</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Caption names the class (chance 10 %)</source>
        <translation>描述说出正确类别（随机 10 %）</translation>
    </message>
    <message>
        <source>Fréchet distance</source>
        <translation>Fréchet 距离</translation>
    </message>
    <message>
        <source>no shipped classifier</source>
        <translation>没有内置分类器</translation>
    </message>
    <message>
        <source>Text-to-image samples</source>
        <translation>文生图样本</translation>
    </message>
    <message>
        <source>Fréchet distance, classifier features (not COCO FID)</source>
        <translation>Fréchet 距离，分类器特征（不是 COCO FID）</translation>
    </message>
    <message>
        <source>  its floor at this sample size</source>
        <translation>  该样本量下的下限</translation>
    </message>
    <message>
        <source>Samples classified as the asked class</source>
        <translation>被分类为所要求类别的样本</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>评估失败：%1</translation>
    </message>
</context>
<context>
    <name>tfs::studio::TrainPage</name>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Checkpoint saved: %1</source>
        <translation>检查点已保存：%1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Model preset for a new run (its size and training defaults)</source>
        <translation>新运行的模型预设（规模与训练默认值）</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>optional JSON config</source>
        <translation>可选：JSON 配置</translation>
    </message>
    <message>
        <source>A train config JSON, or a run config with &quot;model&quot; and &quot;train&quot;; overrides the preset</source>
        <translation>训练配置 JSON，或含 &quot;model&quot; 与 &quot;train&quot; 的运行配置；优先于预设</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a config file</source>
        <translation>选择配置文件</translation>
    </message>
    <message>
        <source>Config:</source>
        <translation>配置：</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Data sources of the run; double-click to edit a spec</source>
        <translation>运行的数据源；双击编辑</translation>
    </message>
    <message>
        <source>spec, e.g. fmnist:train</source>
        <translation>数据规格，例如 fmnist:train</translation>
    </message>
    <message>
        <source>fmnist:train | fmnist:test | shapes[:SEED] | folder:PATH | imagefolder:PATH | wds:PATTERN | text:PATH | fortunes | wordnet</source>
        <translation>fmnist:train | fmnist:test | shapes[:SEED] | folder:PATH | imagefolder:PATH | wds:PATTERN | text:PATH | fortunes | wordnet</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add this data source</source>
        <translation>添加此数据源</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected data source</source>
        <translation>移除所选数据源</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Show the first records of each source as the model will see them</source>
        <translation>按模型所见显示每个数据源的前几条记录</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>The run folder: config.json, metrics.jsonl, checkpoints/, samples/</source>
        <translation>运行文件夹：config.json、metrics.jsonl、checkpoints/、samples/</translation>
    </message>
    <message>
        <source>Choose the run folder</source>
        <translation>选择运行文件夹</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Optimiser steps; &quot;preset&quot; keeps the preset&apos;s count</source>
        <translation>优化步数；“预设”表示沿用预设的步数</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Write sample images every N steps (0 = none)</source>
        <translation>每 N 步写出样例图像（0 = 不写）</translation>
    </message>
    <message>
        <source>Samples every:</source>
        <translation>样例间隔：</translation>
    </message>
    <message>
        <source>Resume from the newest checkpoint</source>
        <translation>从最新检查点继续</translation>
    </message>
    <message>
        <source>Continue the run in this folder with its saved config</source>
        <translation>以保存的配置继续此文件夹中的运行</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start training (Ctrl+Return)</source>
        <translation>开始训练（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause or resume after the current step (Ctrl+Shift+P)</source>
        <translation>在当前步之后暂停或继续（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <source>Stop and save</source>
        <translation>停止并保存</translation>
    </message>
    <message>
        <source>Stop after the current step and save a checkpoint (Ctrl+Shift+S)</source>
        <translation>在当前步之后停止并保存检查点（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Open run…</source>
        <translation>打开运行…</translation>
    </message>
    <message>
        <source>Follow an existing run folder live, e.g. one started with `transfusion train` (Ctrl+Shift+O)</source>
        <translation>实时跟踪已有的运行文件夹，例如用 `transfusion train` 启动的运行（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Runs drawn in the plot; open more to compare them</source>
        <translation>图中绘制的运行；打开更多以比较</translation>
    </message>
    <message>
        <source>Close run</source>
        <translation>关闭运行</translation>
    </message>
    <message>
        <source>Remove the selected run from the plot and stop following it</source>
        <translation>从图中移除所选运行并停止跟踪</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样例</translation>
    </message>
    <message>
        <source>Sample images written by the run, newest first</source>
        <translation>运行写出的样例图像（最新在前）</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Pause / resume training</source>
        <translation>暂停 / 继续训练</translation>
    </message>
    <message>
        <source>Complete the data spec first, e.g. folder:/path/to/images</source>
        <translation>请先补全数据规格，例如 folder:/path/to/images</translation>
    </message>
    <message>
        <source>Choose a run folder first.</source>
        <translation>请先选择运行文件夹。</translation>
    </message>
    <message>
        <source>Add at least one data source (e.g. fmnist:train).</source>
        <translation>请至少添加一个数据源（例如 fmnist:train）。</translation>
    </message>
    <message>
        <source>%1 (training)</source>
        <translation>%1（训练中）</translation>
    </message>
    <message>
        <source>Preparing %1 (tokenizer, data, model)…</source>
        <translation>正在准备 %1（分词器、数据、模型）…</translation>
    </message>
    <message>
        <source>Training %1 from step %2</source>
        <translation>从第 %2 步开始训练 %1</translation>
    </message>
    <message>
        <source>Stopped at step %1</source>
        <translation>已在第 %1 步停止</translation>
    </message>
    <message>
        <source>Finished %1 steps</source>
        <translation>已完成 %1 步</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>检查点：%1</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>用时 %1</translation>
    </message>
    <message>
        <source>%1; checkpoint %2</source>
        <translation>%1；检查点 %2</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>%1 · paused</source>
        <translation>%1 · 已暂停</translation>
    </message>
    <message>
        <source>%1 · stopping and saving…</source>
        <translation>%1 · 正在停止并保存…</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>%1 · training</source>
        <translation>%1 · 训练中</translation>
    </message>
    <message>
        <source>Train config</source>
        <translation>训练配置</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>运行文件夹</translation>
    </message>
    <message>
        <source>Open run folder</source>
        <translation>打开运行文件夹</translation>
    </message>
    <message>
        <source>%1 is not a run folder (no metrics.jsonl or config.json).</source>
        <translation>%1 不是运行文件夹（没有 metrics.jsonl 或 config.json）。</translation>
    </message>
    <message>
        <source>%1 is already shown</source>
        <translation>%1 已在显示</translation>
    </message>
    <message>
        <source>Following %1</source>
        <translation>正在跟踪 %1</translation>
    </message>
    <message>
        <source>%1 (following)</source>
        <translation>%1（跟踪中）</translation>
    </message>
    <message>
        <source>%1 · step %2</source>
        <translation>%1 · 第 %2 步</translation>
    </message>
    <message>
        <source>Add a data source to preview.</source>
        <translation>请添加要预览的数据源。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>读取中…</translation>
    </message>
    <message>
        <source>(no caption)</source>
        <translation>（无说明）</translation>
    </message>
    <message>
        <source>Evaluate run…</source>
        <translation>评估运行…</translation>
    </message>
    <message>
        <source>Caption accuracy and a classifier-space Fréchet distance of the selected run&apos;s newest checkpoint (as `transfusion eval`)</source>
        <translation>所选运行最新检查点的描述准确率与分类器空间 Fréchet 距离（同 `transfusion eval`）</translation>
    </message>
    <message>
        <source>Select a run in the list first</source>
        <translation>请先在列表中选择一个运行</translation>
    </message>
    <message>
        <source>default (2000)</source>
        <translation>默认 (2000)</translation>
    </message>
    <message>
        <source>A latent-space model (e.g. shapes-small) whose run has no VAE trains one first, for this many steps</source>
        <translation>潜空间模型（如 shapes-small）的运行若没有 VAE，会先训练 VAE 这么多步</translation>
    </message>
    <message>
        <source>VAE steps:</source>
        <translation>VAE 步数:</translation>
    </message>
    <message>
        <source>Training the VAE first: step %1</source>
        <translation>正在先训练 VAE：第 %1 步</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::TrainingPlotPanel</name>
    <message>
        <source>Log y</source>
        <translation>对数 y 轴</translation>
    </message>
    <message>
        <source>Min/max</source>
        <translation>最小/最大</translation>
    </message>
    <message>
        <source>Hide outliers</source>
        <translation>隐藏离群值</translation>
    </message>
    <message>
        <source>Which metrics to plot</source>
        <translation>要绘制的指标</translation>
    </message>
    <message>
        <source>Smoothing: TensorBoard&apos;s debiased exponential moving average</source>
        <translation>平滑：TensorBoard 的去偏指数移动平均</translation>
    </message>
    <message>
        <source>Logarithmic y axis</source>
        <translation>对数 y 轴</translation>
    </message>
    <message>
        <source>Shade the range of the raw values behind the smoothed line</source>
        <translation>在平滑曲线后用阴影显示原始值的范围</translation>
    </message>
    <message>
        <source>Fit the y axis to the 1st–99th percentile of the visible values</source>
        <translation>将 y 轴适配到可见值的第 1–99 百分位</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>What the x axis shows</source>
        <translation>x 轴显示的内容</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适配</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 图像…</translation>
    </message>
    <message>
        <source>PDF document…</source>
        <translation>PDF 文档…</translation>
    </message>
    <message>
        <source>CSV values…</source>
        <translation>CSV 数值…</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <source>Images/s</source>
        <translation>图像/秒</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV values (*.csv)</source>
        <translation>CSV 数值 (*.csv)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Show all data and follow new points (or double-click the plot); click a legend entry to hide or show its run</source>
        <translation>显示全部数据并跟随新数据点（或双击图表）；单击图例项可隐藏或显示该次运行</translation>
    </message>
    <message>
        <source>VAE reconstruction (L1)</source>
        <translation>VAE 重建 (L1)</translation>
    </message>
    <message>
        <source>VAE KL</source>
        <translation>VAE KL</translation>
    </message>
</context>
<context>
    <name>tfs::studio::WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Transfusion Studio&lt;/h2&gt;&lt;p&gt;One transformer that predicts the next token and diffuses images. Train a model, watch its attention mask and every denoising step, and talk to it in text and pictures.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Transfusion Studio&lt;/h2&gt;&lt;p&gt;一个既预测下一个词元又通过扩散生成图像的 Transformer。训练模型，观察它的注意力掩码和每一步去噪，并用文字和图片与它对话。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>LibTorch</source>
        <translation>LibTorch</translation>
    </message>
    <message>
        <source>SentencePiece</source>
        <translation>SentencePiece</translation>
    </message>
    <message>
        <source>BLAS</source>
        <translation>BLAS</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 线程</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Start here</source>
        <translation>从这里开始</translation>
    </message>
    <message>
        <source>Draw an image</source>
        <translation>生成图像</translation>
    </message>
    <message>
        <source>Type a caption (&quot;a photo of a sneaker&quot;) and watch the shipped demo model denoise it step by step.</source>
        <translation>输入一段描述（&quot;a photo of a sneaker&quot;），观看内置演示模型逐步去噪。</translation>
    </message>
    <message>
        <source>Talk to the model</source>
        <translation>与模型对话</translation>
    </message>
    <message>
        <source>An interleaved conversation: give it images to caption, ask it to draw.</source>
        <translation>图文交错的对话：给它图像让它描述，或让它作画。</translation>
    </message>
    <message>
        <source>Edit an image</source>
        <translation>编辑图像</translation>
    </message>
    <message>
        <source>Image + instruction → image, with a model fine-tuned for editing.</source>
        <translation>图像 + 指令 → 图像（需要为编辑微调过的模型）。</translation>
    </message>
    <message>
        <source>Train a new model</source>
        <translation>训练新模型</translation>
    </message>
    <message>
        <source>Pick a preset and data (Fashion-MNIST, shapes, your own folders) and watch the losses.</source>
        <translation>选择预设和数据（Fashion-MNIST、几何图形、你自己的文件夹），观察损失曲线。</translation>
    </message>
    <message>
        <source>See the attention mask</source>
        <translation>查看注意力掩码</translation>
    </message>
    <message>
        <source>Causal over text, bidirectional inside each image: the Transfusion mask of any sequence.</source>
        <translation>文本上因果、每张图像内部双向：任意序列的 Transfusion 掩码。</translation>
    </message>
</context>
</TS>
